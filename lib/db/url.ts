import path from "node:path";

/** `file:./data/app.db` → an absolute path, resolved against the project root (the working directory). */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "").split("?")[0];
  // Resolved at run time against the project root; the bundler must not trace it.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
