// Types of scripts/compile-for-node.mjs (plain Node, run by the build without tsx).
export function compileForNode(options: { root: string; source: string; out: string; banner?: string }): Promise<void>;
