// `npm run bundle`: one archive that installs the app on a machine without network (this OS and architecture):
// the production build, the compiled server, the production dependencies with their native modules already
// compiled, the migrations, this Node, the CLI, and start.sh / cli.sh. README, Offline install; docs/decisions/040.
//
//   node scripts/bundle.mjs [--out <folder>] [--fast]   (npm run bundle builds first when the build is not current)
//
// --fast compresses with gzip -1 (the test's archive: half the CPU, a somewhat larger file).
//
// Plain Node and GNU tar: the production dependencies are those package-lock.json does not mark dev (nor
// devOptional: an optional peer that only the tools want), taken from node_modules as installed here.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildFingerprint, sourceFingerprint, staleCompiled, SERVER_FILE } from "./source-fingerprint.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outArg = process.argv.indexOf("--out");
const outDir = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, "bundle"));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const name = `plant-processes-${pkg.version}-${platform()}-${arch()}`;

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

// The bundle ships the build as it is: it must be the tree's (the default build folder, .next).
const tree = sourceFingerprint(root);
if (buildFingerprint(root, ".next") !== tree || staleCompiled(root, tree) !== undefined)
  fail("the build (.next, dist/*.mjs) is not the tree's: run npm run build first");

/** Top-level production packages (their nested node_modules come along): what the lock file does not mark dev. */
function productionPackages() {
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith("node_modules/") && !entry.dev && !entry.devOptional)
    .map(([key]) => key)
    .filter((key) => !key.slice("node_modules/".length).includes("node_modules/"))
    .filter((key) => existsSync(path.join(root, key)))
    .sort();
}

// Not needed to run: Next's build compiler (@next/swc: the server never compiles), build caches, source maps
// (turned off in production), better-sqlite3's C sources and object files (its compiled module stays).
const EXCLUDE = [
  // The cache folder itself stays (empty), for the systemd unit to mount a writable one on.
  ".next/cache/*",
  ".next/trace",
  ".next/types",
  "*.map",
  "node_modules/@next/swc-*",
  "node_modules/better-sqlite3/deps",
  "node_modules/better-sqlite3/src",
  "node_modules/better-sqlite3/build/Release/obj.target",
  "node_modules/better-sqlite3/build/Release/.deps",
  "node_modules/better-sqlite3/build/deps",
  "*.test.ts",
];

const START = `#!/bin/sh
# Starts the app from this folder with the Node inside it. Settings come from the environment (README,
# Configuration): APP_URL is required; DATABASE_URL defaults to file:./data/app.db in this folder.
cd "$(dirname "$0")" || exit 1
exec ./node/bin/node ${SERVER_FILE} "$@"
`;
const CLI = `#!/bin/sh
# The operators' command line (README, Command line), e.g. ./cli.sh users:bootstrap; same settings as start.sh.
cd "$(dirname "$0")" || exit 1
exec ./node/bin/node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/cli.ts "$@"
`;

const node = realpathSync(process.execPath);
const extras = mkdtempSync(path.join(tmpdir(), "bundle-"));
try {
  writeFileSync(path.join(extras, "start.sh"), START);
  writeFileSync(path.join(extras, "cli.sh"), CLI);
  for (const file of ["start.sh", "cli.sh"]) chmodSync(path.join(extras, file), 0o755);
  mkdirSync(outDir, { recursive: true });
  const archive = path.join(outDir, `${name}.tar.gz`);
  // Project files: the build, the server, migrations and schemas, the CLI's sources and what it reads.
  const project = [".next", SERVER_FILE, "prisma", "lib", "scripts/cli.ts", "scripts/cli", "messages", "docs/deploy"];
  const files = ["package.json", "package-lock.json", "next.config.js", "tsconfig.json", "public"];
  const args = [
    "-c",
    "-f",
    archive,
    process.argv.includes("--fast") ? "--use-compress-program=gzip -1" : "--gzip",
    ...EXCLUDE.map((pattern) => `--exclude=${pattern}`),
    "--owner=0",
    "--group=0",
    // Everything under one folder, this Node as node/bin/node; symbolic links inside keep their targets (S).
    `--transform=s,^${path.basename(node)}$,node/bin/node,S`,
    `--transform=s,^,${name}/,S`,
    "-C",
    root,
    ...[...project, ...files].filter((p) => existsSync(path.join(root, p))),
    ...productionPackages(),
    "-C",
    extras,
    "start.sh",
    "cli.sh",
    "-C",
    path.dirname(node),
    path.basename(node),
  ];
  const tar = spawnSync("tar", args, { stdio: "inherit" });
  if (tar.status !== 0) fail(`tar exited ${tar.status}`);
  const mb = (statSync(archive).size / 1024 / 1024).toFixed(0);
  console.log(`bundle: ${archive} (${mb} MB)`);
} finally {
  rmSync(extras, { recursive: true, force: true });
}
