import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { stopProcess } from "@/test/support/test-server";

// A real nginx (Debian's package) started by a test in its own folder, on ports the test chose, with a site
// configuration such as docs/deploy/nginx.conf: never the system service. Missing nginx fails with the install command.

const NGINX = "/usr/sbin/nginx";
export const NGINX_INSTALL = "apt-get install -y --no-install-recommends nginx";

async function run(program: string, args: string[]): Promise<string> {
  const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.on("close", r));
  if (code !== 0) throw new Error(`${program} ${args.join(" ")} exited ${code}:\n${out}`);
  return out;
}

/** A self-signed certificate for localhost and 127.0.0.1 (openssl), as { certificate, key } file paths. */
export async function makeCertificate(dir: string): Promise<{ certificate: string; key: string; pem: string }> {
  const certificate = path.join(dir, "server.pem");
  const key = path.join(dir, "server.key");
  await run("openssl", [
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2"],
    ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    ...["-keyout", key, "-out", certificate],
  ]);
  return { certificate, key, pem: readFileSync(certificate, "utf8") };
}

/** The site file with each {{NAME}} replaced; a placeholder left without a value is an error. */
export function renderSite(template: string, values: Record<string, string>): string {
  const text = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  const left = /\{\{[A-Z0-9_]+\}\}/.exec(text.replace(/^#.*$/gm, ""));
  if (left) throw new Error(`no value for ${left[0]} in the nginx site file`);
  return text;
}

/** The main configuration around the site: its own pid, logs and temp folders, in the foreground. */
function mainConf(dir: string): string {
  const tmp = (name: string) => path.join(dir, "tmp", name);
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${tmp("body")};
  proxy_temp_path ${tmp("proxy")};
  fastcgi_temp_path ${tmp("fastcgi")};
  uwsgi_temp_path ${tmp("uwsgi")};
  scgi_temp_path ${tmp("scgi")};
  include ${dir}/site.conf;
}
`;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

export type Nginx = {
  /** Stops nginx (closing every connection, as a crash or a restart of the service would) and starts it anew. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
  errorLog: () => string;
};

/** Fails with the install command where Debian's nginx is missing. */
export function assertNginxInstalled(): void {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}): ${NGINX_INSTALL}`);
}

/** Starts nginx in `dir` with `site` (a rendered site file), and waits until `port` accepts connections. */
export async function startNginx(dir: string, site: string, port: number): Promise<Nginx> {
  assertNginxInstalled();
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  // Workers run as an unprivileged user when nginx starts as root: they write these temp folders.
  chmodSync(path.join(dir, "tmp"), 0o777);
  writeFileSync(path.join(dir, "site.conf"), site);
  writeFileSync(path.join(dir, "nginx.conf"), mainConf(dir));
  const args = ["-p", `${dir}/`, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")];
  await run(NGINX, [...args, "-t", "-q"]);
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(NGINX, args, { stdio: "ignore" });
    const deadline = Date.now() + 15_000;
    while (!(await listening(port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${errorLog()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const errorLog = () =>
    existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "";
  // SIGTERM is nginx's fast shutdown: open connections (event streams) are closed, not waited for.
  const stop = async () => (child ? stopProcess(child) : undefined);
  await start();
  return {
    restart: async () => {
      await stop();
      await start();
    },
    stop,
    errorLog,
  };
}
