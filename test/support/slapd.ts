import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { AD_LITE_SCHEMA, BASE_DN, fixtureLdif, groupsLdif, ROOT_DN, ROOT_PASSWORD } from "@/test/support/slapd-fixture";
import { freePort, stopProcess } from "@/test/support/test-server";

export * from "@/test/support/slapd-fixture";

// A real OpenLDAP server (Debian's slapd) for the directory sign-in suites: its own temporary folder with a
// slapd.conf (the memberof and ppolicy overlays loaded), a CA and a server certificate made with openssl, the
// fixture directory (test/support/slapd-fixture.ts: people by slapadd, groups through the running server), and
// plain LDAP (StartTLS offered) and LDAPS on free loopback ports. Missing slapd fails with the install command.

const SLAPD = "/usr/sbin/slapd";
const INSTALL = "apt-get install -y --no-install-recommends slapd ldap-utils";

function slapdConf(dir: string): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include ${dir}/ad-lite.schema
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
moduleload ppolicy
TLSCACertificateFile ${dir}/ca.pem
TLSCertificateFile ${dir}/server.pem
TLSCertificateKeyFile ${dir}/server.key
database mdb
suffix "${BASE_DN}"
rootdn "${ROOT_DN}"
rootpw ${ROOT_PASSWORD}
directory ${dir}/data
maxsize 16777216
overlay memberof
overlay ppolicy
access to attrs=userPassword by self read by anonymous auth by * none
access to * by users read by * none
`;
}

async function run(program: string, args: string[], input?: string): Promise<string> {
  const child = spawn(program, args, { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  child.stdin.end(input ?? "");
  const code = await new Promise<number | null>((r) => child.on("close", r));
  if (code !== 0) throw new Error(`${program} ${args.join(" ")} exited ${code}:\n${out}`);
  return out;
}

/** A CA and a server certificate for 127.0.0.1 and localhost signed by it (openssl). */
async function makeCertificates(dir: string): Promise<void> {
  const o = (args: string[]) => run("openssl", args);
  await o([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Plant Test CA",
    "-keyout",
    `${dir}/ca.key`,
    "-out",
    `${dir}/ca.pem`,
  ]);
  await o([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    `${dir}/server.key`,
    "-out",
    `${dir}/server.csr`,
  ]);
  writeFileSync(`${dir}/san.ext`, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  await o([
    "x509",
    "-req",
    "-in",
    `${dir}/server.csr`,
    "-CA",
    `${dir}/ca.pem`,
    "-CAkey",
    `${dir}/ca.key`,
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    `${dir}/san.ext`,
    "-out",
    `${dir}/server.pem`,
  ]);
  // Another CA, which signed nothing here: a directory certificate is not trusted against it.
  await o([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Other CA",
    "-keyout",
    `${dir}/other-ca.key`,
    "-out",
    `${dir}/other-ca.pem`,
  ]);
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`slapd exited with code ${child.exitCode}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`slapd did not listen on ${port}:\n${output()}`);
}

export type Slapd = {
  /** ldap:// (StartTLS offered) and ldaps:// URLs on 127.0.0.1. */
  ldapUrl: string;
  ldapsUrl: string;
  ldapPort: number;
  caFile: string;
  otherCaFile: string;
  /** Applies an LDIF of changes as the directory's administrator (ldapmodify). */
  modify: (ldif: string) => Promise<void>;
  stop: () => Promise<void>;
};

/** Starts slapd with the fixture directory; fails with the install command when slapd is missing. */
export async function startSlapd(): Promise<Slapd> {
  if (!existsSync(SLAPD) || !existsSync("/usr/bin/ldapmodify"))
    throw new Error(`slapd and ldap-utils are needed for the directory tests: ${INSTALL}`);
  const dir = mkdtempSync(path.join(tmpdir(), "slapd-"));
  mkdirSync(`${dir}/data`);
  writeFileSync(`${dir}/ad-lite.schema`, AD_LITE_SCHEMA);
  writeFileSync(`${dir}/slapd.conf`, slapdConf(dir));
  writeFileSync(`${dir}/fixture.ldif`, fixtureLdif());
  await makeCertificates(dir);
  await run("/usr/sbin/slapadd", ["-f", `${dir}/slapd.conf`, "-l", `${dir}/fixture.ldif`]);
  const [ldapPort, ldapsPort] = [await freePort(), await freePort()];
  const ldapUrl = `ldap://127.0.0.1:${ldapPort}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  // -d: stays in the foreground (a child of the test), logging only what -d 0 lets through.
  const child = spawn(SLAPD, ["-f", `${dir}/slapd.conf`, "-h", `${ldapUrl}/ ${ldapsUrl}/`, "-d", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  process.once("exit", () => child.kill("SIGKILL"));
  await waitForPort(ldapPort, child, () => output);
  await waitForPort(ldapsPort, child, () => output);
  await run("/usr/bin/ldapadd", ["-x", "-H", ldapUrl, "-D", ROOT_DN, "-w", ROOT_PASSWORD], groupsLdif());
  return {
    ldapUrl,
    ldapsUrl,
    ldapPort,
    caFile: `${dir}/ca.pem`,
    otherCaFile: `${dir}/other-ca.pem`,
    async modify(ldif) {
      await run("/usr/bin/ldapmodify", ["-x", "-H", ldapUrl, "-D", ROOT_DN, "-w", ROOT_PASSWORD], ldif);
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
