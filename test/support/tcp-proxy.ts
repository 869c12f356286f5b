import net from "node:net";

/**
 * A TCP proxy on loopback that a test can cut and restore, to take a real database connection away
 * from a running server without stopping the database itself.
 */
export async function startTcpProxy(target: { host: string; port: number }, port = 0) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;

  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
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
    async stop(): Promise<void> {
      await this.cut();
    },
  };
}
