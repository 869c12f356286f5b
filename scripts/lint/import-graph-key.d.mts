// Types of scripts/lint/import-graph-key.mjs (plain Node: eslint.config.mjs loads it).
/** A hash of every source file's path, the project paths it names and its server-only marker, and the rules' inputs. */
export function importGraphKey(root?: string): string;
