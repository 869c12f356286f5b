import path from "node:path";

/** `file:./data/app.db` → an absolute path, resolved against the project root (the working directory). */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "").split("?")[0];
  return path.resolve(process.cwd(), file);
}
