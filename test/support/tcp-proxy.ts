import net from "node:net";

/**
 * A TCP proxy on loopback that a test can cut and restore, to take a real database connection away
 * from a running server without stopping the database itself, or freeze: connections stay open and
 * new ones are accepted, but nothing passes either way (a database that stopped answering) until thaw.
 */
export async function startTcpProxy(target: { host: string; port: number }, port = 0) {
  const sockets = new Set<net.Socket>();
  const flushers = new Set<() => void>();
  let server: net.Server | undefined;
  let frozen = false;

  /** Forwards `from` to `to`; while frozen, holds what arrives and sends it on thaw, in order. */
  const forward = (from: net.Socket, to: net.Socket) => {
    const held: Buffer[] = [];
    const flush = () => {
      for (const chunk of held.splice(0)) if (!to.destroyed) to.write(chunk);
    };
    flushers.add(flush);
    from.on("close", () => flushers.delete(flush));
    from.on("data", (chunk: Buffer) => {
      if (frozen || held.length > 0) held.push(chunk);
      else if (!to.destroyed) to.write(chunk);
    });
    from.on("end", () => to.end());
  };

  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        forward(client, upstream);
        forward(upstream, client);
      });
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => resolve((server!.address() as net.AddressInfo).port));
    });

  const boundPort = await listen(port);
  return {
    port: boundPort,
    /** Refuses new connections and drops the open ones: the database is "down". */
    async cut(): Promise<void> {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      server = undefined;
    },
    async restore(): Promise<void> {
      await listen(boundPort);
    },
    /** Nothing passes any more, and nothing is closed: the database is "frozen". */
    freeze(): void {
      frozen = true;
    },
    /** Everything held is delivered, and traffic flows again. */
    thaw(): void {
      frozen = false;
      for (const flush of flushers) flush();
    },
    async stop(): Promise<void> {
      this.thaw();
      await this.cut();
    },
  };
}
