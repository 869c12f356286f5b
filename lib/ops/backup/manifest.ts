import { z } from "zod";

// manifest.json, the first member of every backup (docs/decisions/037-backup-and-restore.md).

export const BACKUP_FORMAT = "plant-processes-backup";
export const MANIFEST_MEMBER = "manifest.json";
export const PAYLOAD_MEMBER = { sqlite: "database.sqlite", postgresql: "database.pgdump" } as const;

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  provider: z.enum(["sqlite", "postgresql"]),
  createdAt: z.string(),
  /** The last migration applied to the copied database: its schema version. */
  schemaVersion: z.string(),
  /** Every migration applied to it, oldest first. */
  migrations: z.array(z.string()),
  /** Rows of each table in the copy (the restore shows them before it replaces anything). */
  rows: z.record(z.string(), z.number().int().nonnegative()),
  payload: z.object({
    // One of two names, never a path: the restore writes the copy under this name in its work folder.
    member: z.enum([PAYLOAD_MEMBER.sqlite, PAYLOAD_MEMBER.postgresql]),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** What made it: the app's version and, on PostgreSQL, pg_dump's. */
  madeBy: z.string(),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
