import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ChangeContext } from "@/lib/processes/actor";
import { PROCESS_SELECT, toProcess } from "@/lib/processes/serialize";
import { writeProcesses } from "@/lib/processes/write-processes";
import type { Process, ProcessFields } from "@/lib/validations/process";

/** Preconditions of a PUT: versions from If-Match (`"*"` = any, null = absent) and from the body. */
export type Preconditions = { ifMatch: number[] | "*" | null; bodyVersion?: number };

export async function findProcess(options: { id: number }): Promise<Process> {
  const row = await db.process.findUnique({ where: { id: options.id }, select: PROCESS_SELECT });
  if (!row) throw new AppError(1005, `Process ${options.id} does not exist`);
  return toProcess(row);
}

function changed(current: Process, via: "ifMatch" | "body"): AppError {
  const detail =
    via === "ifMatch"
      ? `Process ${current.id} is at version ${current.version}, not the one If-Match names; nothing was saved`
      : `Process ${current.id} is at version ${current.version}; nothing was saved`;
  return new AppError(1007, detail, {
    status: via === "ifMatch" ? 412 : 409,
    current,
    ...(via === "body" ? { errors: [{ pointer: "/version", detail: `is ${current.version} now` }] } : {}),
  });
}

/** The one version the write must find, and which precondition named it; reads the process where a choice needs it. */
export async function expectedVersion(
  id: number,
  pre: Preconditions,
): Promise<{ version?: number; via: "ifMatch" | "body" }> {
  const { ifMatch, bodyVersion } = pre;
  const tags = ifMatch === "*" || ifMatch === null ? [] : ifMatch;
  if (tags.length <= 1 && (bodyVersion === undefined || tags.length === 0 || tags[0] === bodyVersion)) {
    return tags.length === 1 ? { version: tags[0], via: "ifMatch" } : { version: bodyVersion, via: "body" };
  }
  // Several If-Match tags, or tags and a body version that disagree: decide against the current version,
  // which the write then requires, so nothing can slip in between.
  const current = await findProcess({ id });
  if (tags.length > 0 && !tags.includes(current.version)) throw changed(current, "ifMatch");
  if (bodyVersion !== undefined && bodyVersion !== current.version) throw changed(current, "body");
  return { version: current.version, via: tags.length > 0 ? "ifMatch" : "body" };
}

type UpdateOne = {
  id: number;
  fields: ProcessFields;
  preconditions: Preconditions;
  context: ChangeContext;
  /** Why (change control): kept with the history row. */
  reason?: string | null;
};

/** Replaces the editable fields of one process; 1005 when it does not exist, 1007 when a precondition fails. */
export async function updateProcess(options: UpdateOne): Promise<Process> {
  return (await updateProcessReporting(options)).process;
}

/** updateProcess, saying whether it wrote (false: the values equalled the stored ones, nothing changed). */
export async function updateProcessReporting(options: UpdateOne): Promise<{ process: Process; changed: boolean }> {
  const { id, fields, preconditions, context } = options;
  const { version, via } = await expectedVersion(id, preconditions);
  const outcome = await writeProcesses({
    items: [{ id, ...fields, version, reason: options.reason ?? null }],
    context,
  });
  if (outcome.ok) return { process: outcome.processes[0]!, changed: outcome.changed > 0 };
  if (outcome.missing.length > 0) throw new AppError(1005, `Process ${id} does not exist`);
  throw changed(outcome.stale[0]!.current, via);
}
