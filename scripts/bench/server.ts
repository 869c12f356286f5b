// Starts the production build with test/support/test-server.ts startServer, output discarded, and finds the pid of the
// process that really serves, for its peak memory and CPU time.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { startServer } from "@/test/support/test-server";

export type BenchServer = {
  baseUrl: string;
  pid: number;
  peakRssKb: () => number;
  /** CPU time (user + system, all threads) the server has used so far. */
  cpuMs: () => number;
  stop: () => Promise<void>;
};

function childrenOf(pid: number): number[] {
  const all: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) all.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return all;
}

function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((c) => [c, ...descendantsOf(c)]);
}

/** Inodes of the sockets listening on the port (IPv4 and IPv6 tables). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let lines: string[] = [];
    try {
      lines = readFileSync(table, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      // local_address is ip:port, st 0A is LISTEN, inode is column 10.
      const inode = cols[9];
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A" && inode !== undefined) inodes.add(inode);
    }
  }
  return inodes;
}

/** The server may run in a child process of the one started: the real server is whoever holds the listening socket. */
export function servingPid(rootPid: number, port: number): number {
  const inodes = listeningInodes(port);
  for (const pid of [rootPid, ...descendantsOf(rootPid)]) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return pid;
      }
    } catch {
      // not ours to read, or gone
    }
  }
  throw new Error(`no process under ${rootPid} listens on port ${port}`);
}

export function peakRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
}

// Clock ticks per second of /proc/<pid>/stat's times: 100 on every Linux this runs on (USER_HZ).
const TICKS_PER_SECOND = 100;

export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // After the command name: state is field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export async function startBenchServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchServer> {
  const server = await startServer({
    env: { AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123", ...env },
    quiet: true,
    nodeArgs,
  });
  const pid = servingPid(server.pid, server.port);
  return { baseUrl: server.baseUrl, pid, peakRssKb: () => peakRssKb(pid), cpuMs: () => cpuMs(pid), stop: server.stop };
}
