// Runs once when a server instance starts, before it answers requests.
export async function register(): Promise<void> {
  // Next also loads this file for the edge runtime, which has no database drivers; NEXT_RUNTIME is set by Next itself.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("@/lib/boot");
  await bootServer();
}
