import path from "node:path";
import { buildFingerprint, sourceFingerprint, staleCompiled } from "@/scripts/source-fingerprint.mjs";

export const STALE_BUILD_MESSAGE = "the build is older than the tree: run npm run build";

// The tree does not change under a running suite; one hash per process serves every server it starts.
const treeFingerprints = new Map<string, string>();

/**
 * Refuses a production build that was not made from the tree as it is now (scripts/source-fingerprint.mjs):
 * a contract or e2e test would otherwise pass against old code. The compiled server, CLI and seed script are checked
 * likewise. `distDir` as NEXT_DIST_DIR names it.
 */
export function assertBuildMatchesTree(options: { root?: string; distDir?: string } = {}): void {
  const root = options.root ?? process.cwd();
  const distDir = options.distDir || process.env.NEXT_DIST_DIR || ".next";
  const built = buildFingerprint(root, distDir);
  if (built === undefined)
    throw new Error(`${STALE_BUILD_MESSAGE} (${path.join(distDir, "source-fingerprint")} is missing)`);
  let tree = treeFingerprints.get(root);
  if (tree === undefined) treeFingerprints.set(root, (tree = sourceFingerprint(root)));
  if (built !== tree)
    throw new Error(
      `${STALE_BUILD_MESSAGE} (${distDir} was built from ${built.slice(0, 12)}, the tree is ${tree.slice(0, 12)})`,
    );
  // npm start runs the compiled server, the suites the compiled CLI (scripts/compile-entry-points.mjs): from the same tree.
  const stale = staleCompiled(root, tree);
  if (stale)
    throw new Error(
      `${STALE_BUILD_MESSAGE} (${stale.file} ${stale.built ? `was built from ${stale.built.slice(0, 12)}` : "is missing"}, the tree is ${tree.slice(0, 12)})`,
    );
}
