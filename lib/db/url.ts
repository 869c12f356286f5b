import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

/** The database behind a `DATABASE_URL`: `file:` is SQLite, `postgres(ql)://` PostgreSQL; anything else is unsupported. */
export function providerForUrl(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("Unsupported database URL: expected file:... (SQLite) or postgresql://...");
}

export const isDatabaseUrl = (url: string) => /^(file:|postgres(ql)?:\/\/)/.test(url);

/** `file:./data/app.db` → an absolute path, resolved against the project root (the working directory). */
export function sqliteFilePath(url: string): string {
  // Everything before the first "?" (query parameters such as ?connection_limit are not part of the path).
  const file = url.replace(/^file:/, "").replace(/\?.*$/s, "");
  // Resolved at run time against the project root; the bundler must not trace it.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
