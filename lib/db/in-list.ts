// The most ids one `in` list carries: Prisma refuses lists longer than SQLite's bind-parameter limit (999), so
// larger sets go in chunks of this size (a write's differing items, a history prune's batch).
export const IN_LIST_MAX = 500;
