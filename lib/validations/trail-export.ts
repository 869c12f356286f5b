import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locale";
import { positiveInt } from "@/lib/validations/process-history";

// GET /api/v1/history.csv and /api/v1/history.html: the trail of one process, or of a period, for an inspector.

const instant = z.iso.datetime({ offset: true, error: "must be a date and time (ISO 8601, with a time zone)" });

export const trailExportQuerySchema = z.strictObject({
  /** One process's changes only (its history stays after its deletion). */
  processId: positiveInt(2_147_483_647).optional(),
  /** Changes at or after this instant. */
  from: instant.optional(),
  /** Changes before this instant. */
  to: instant.optional(),
});
export type TrailExportFilter = z.output<typeof trailExportQuerySchema>;

export const trailReportQuerySchema = trailExportQuerySchema.extend({
  /** The report's language; without it, the person's (cookie, then Accept-Language). */
  lang: z.enum(LOCALES, { error: `must be one of: ${LOCALES.join(", ")}` }).optional(),
});
