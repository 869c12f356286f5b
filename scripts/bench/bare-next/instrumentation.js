// Without a file of its own, Next would bundle the project's instrumentation.ts (one folder up the tree).
export function register() {}
