// Types of scripts/source-fingerprint.mjs (plain Node, so that the build and the quick start run it without tsx).
export const FINGERPRINT_DIRS: string[];
export const FINGERPRINT_FILES: string[];
export const FINGERPRINT_FILE: string;
export function fingerprintInputs(root: string): string[];
export function sourceFingerprint(root: string): string;
export function buildDir(root: string, distDir?: string): string;
export function buildFingerprint(root: string, distDir?: string): string | undefined;
export const COMPILED: { source: string; file: string }[];
export const SERVER_FILE: string;
export const COMPILED_STAMP: string;
export function compiledFingerprint(root: string, compiledFile: string): string | undefined;
export function staleCompiled(root: string, tree: string): { file: string; built: string | undefined } | undefined;
export function beganFingerprint(root: string): string;
