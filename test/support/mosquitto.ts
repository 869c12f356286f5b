import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, stopProcess } from "@/test/support/test-server";

// A real MQTT broker (Debian's Mosquitto) for the MQTT suite, on a free loopback port, anonymous, in memory.

const MOSQUITTO = "/usr/sbin/mosquitto";
const INSTALL = "apt-get install -y --no-install-recommends mosquitto";

export type Mosquitto = { url: string; stop: () => Promise<void> };

/** Starts Mosquitto; fails with the install command when it is missing. */
export async function startMosquitto(): Promise<Mosquitto> {
  if (!existsSync(MOSQUITTO)) throw new Error(`mosquitto is needed for the MQTT tests: ${INSTALL}`);
  const dir = mkdtempSync(path.join(tmpdir(), "mosquitto-"));
  const port = await freePort();
  const conf = path.join(dir, "mosquitto.conf");
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n`);
  const child = spawn(MOSQUITTO, ["-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  process.once("exit", () => child.kill("SIGKILL"));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}):\n${output}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
