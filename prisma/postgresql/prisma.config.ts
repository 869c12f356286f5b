import { defineConfig } from "prisma/config";

// One config per schema, passed explicitly with --config: generation then needs no database URL
// and cannot pick up a config file from elsewhere. Paths are relative to this file.
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
});
