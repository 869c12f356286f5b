import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, stopProcess } from "@/test/support/test-server";

// A real OpenLDAP server (Debian's slapd) for the directory sign-in suites: its own temporary folder with a
// slapd.conf, a CA and a server certificate made with openssl, a fixture directory loaded with slapadd, and
// plain LDAP (StartTLS offered) and LDAPS on free loopback ports. OpenLDAP's core schemas have no
// sAMAccountName or userAccountControl: a tiny schema below gives them with Active Directory's OIDs and
// matching rules, so the suites run the default filter `(|(sAMAccountName={login})(mail={login}))` and AD's
// "disabled" bit (userAccountControl 514) as a plant's directory has them.

const SLAPD = "/usr/sbin/slapd";
const INSTALL = "apt-get install -y --no-install-recommends slapd ldap-utils";

export const BASE_DN = "dc=plant,dc=test";
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const GROUPS_DN = `ou=groups,${BASE_DN}`;
export const ROOT_DN = `cn=admin,${BASE_DN}`;
const ROOT_PASSWORD = "root-secret";
export const SERVICE = { dn: `cn=reader,${BASE_DN}`, password: "reader-secret-123" };

export const GROUP = {
  admins: `cn=plant-admins,${GROUPS_DN}`,
  engineers: `cn=plant-engineers,${GROUPS_DN}`,
  operators: `cn=plant-operators,${GROUPS_DN}`,
  canteen: `cn=canteen,${GROUPS_DN}`,
};

/** LDAP_GROUP_ROLES for the fixture's groups (canteen is mapped to nothing). */
export const GROUP_ROLES = `${GROUP.admins}=Super user;${GROUP.engineers}=Advanced user;${GROUP.operators}=User`;

type Person = {
  login: string;
  mail: string;
  name: string;
  password: string;
  groups: string[];
  /** AD's way: userAccountControl 514 (ACCOUNTDISABLE). */
  disabled?: boolean;
  /** OpenLDAP's way: locked by the ppolicy overlay (pwdAccountLockedTime). */
  locked?: boolean;
};

/** The fixture's people: one per role, one in two mapped groups, one disabled, one in no mapped group. */
export const PEOPLE = {
  alice: {
    login: "alice",
    mail: "alice@plant.test",
    name: "Alice Admin",
    password: "alice-pass-1",
    groups: [GROUP.admins],
  },
  bob: {
    login: "bob",
    mail: "bob@plant.test",
    name: "Bob Engineer",
    password: "bob-pass-1",
    groups: [GROUP.engineers],
  },
  carol: {
    login: "carol",
    mail: "carol@plant.test",
    name: "Carol Operator",
    password: "carol-pass-1",
    groups: [GROUP.operators],
  },
  dave: {
    login: "dave",
    mail: "dave@plant.test",
    name: "Dave Both",
    password: "dave-pass-1",
    groups: [GROUP.operators, GROUP.engineers],
  },
  erin: {
    login: "erin",
    mail: "erin@plant.test",
    name: "Erin Disabled",
    password: "erin-pass-1",
    groups: [GROUP.operators],
    disabled: true,
  },
  frank: {
    login: "frank",
    mail: "frank@plant.test",
    name: "Frank Canteen",
    password: "frank-pass-1",
    groups: [GROUP.canteen],
  },
  gina: {
    login: "gina",
    mail: "gina@plant.test",
    name: "Gina Moved",
    password: "gina-pass-1",
    groups: [GROUP.operators],
  },
  hank: {
    login: "hank",
    mail: "hank@plant.test",
    name: "Hank Leaving",
    password: "hank-pass-1",
    groups: [GROUP.operators],
  },
  jill: {
    login: "jill",
    mail: "jill@plant.test",
    name: "Jill Promoted",
    password: "jill-pass-1",
    groups: [GROUP.operators],
  },
  kim: {
    login: "kim",
    mail: "kim@plant.test",
    name: "Kim Removed",
    password: "kim-pass-1",
    groups: [GROUP.operators],
  },
  ivan: {
    login: "ivan",
    mail: "ivan@plant.test",
    name: "Ivan Locked",
    password: "ivan-pass-1",
    groups: [GROUP.operators],
    locked: true,
  },
} satisfies Record<string, Person>;

export const personDn = (login: string) => `cn=${login},${PEOPLE_DN}`;

const AD_LITE_SCHEMA = `
attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl'
  EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'adLiteUser' AUXILIARY MAY ( sAMAccountName $ userAccountControl ) )
`;

/** The entries slapadd loads before the server starts: the tree, the service account and the people. */
function fixtureLdif(): string {
  const entries = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: plant\no: Plant`,
    `dn: ${PEOPLE_DN}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ${GROUPS_DN}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ${SERVICE.dn}\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: reader\nsn: reader\nuserPassword: ${SERVICE.password}`,
    ...Object.values(PEOPLE).map((p: Person) =>
      [
        `dn: ${personDn(p.login)}`,
        "objectClass: inetOrgPerson",
        "objectClass: adLiteUser",
        `cn: ${p.login}`,
        `sn: ${p.name.split(" ")[1]}`,
        `displayName: ${p.name}`,
        `sAMAccountName: ${p.login}`,
        `mail: ${p.mail}`,
        `userAccountControl: ${p.disabled ? 514 : 512}`,
        `userPassword: ${p.password}`,
        ...(p.locked ? ["pwdAccountLockedTime: 000001010000Z"] : []),
      ].join("\n"),
    ),
  ];
  return `${entries.join("\n\n")}\n`;
}

/**
 * The groups, added through the running server (ldapadd) rather than slapadd: the memberof overlay, which
 * writes each member's memberOf as Active Directory does, sees only changes made through the server.
 */
function groupsLdif(): string {
  return `${Object.values(GROUP)
    .map((dn) => {
      const members = Object.values(PEOPLE as Record<string, Person>)
        .filter((p) => p.groups.includes(dn))
        .map((p) => `member: ${personDn(p.login)}`);
      return [`dn: ${dn}`, "objectClass: groupOfNames", `cn: ${/^cn=([^,]+)/.exec(dn)![1]}`, ...members].join("\n");
    })
    .join("\n\n")}\n`;
}

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
