import { z } from "zod";
import { issue } from "@/lib/validations/issues";

// The rules every text field shares, in the API and in the forms.

export const NOT_WELL_FORMED = issue("wellFormed");

// C0, DEL and C1 controls; multi-line text allows newline and tab.
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Length in code points, as a person counts characters (an emoji is one, not two). */
export const codePoints = (s: string) => Array.from(s).length;

/**
 * A string of well-formed Unicode. A lone surrogate (`"\ud83c"` in JSON) would be stored as U+FFFD (so
 * it could not be sent back as read) or refused by PostgreSQL; it is refused here with the field's pointer.
 */
export const wellFormedString = (error = issue("notString")) =>
  z.string({ error }).refine((s) => s.isWellFormed(), { error: NOT_WELL_FORMED });

// The same rules as JSON Schema patterns (ECMA-262 with the u flag, for the published document): a name is
// optional white space (what trim() removes), then 1 to `max` code points without control that begin and end
// with no white space, then optional white space (the length is in the pattern: maxLength would count the
// white space that trim() removes); a comment holds no control but newline and tab.
const NAME_CORE = "[^\\s\\u0000-\\u001f\\u007f-\\u009f]";
const NAME_ANY = "[^\\u0000-\\u001f\\u007f-\\u009f]";
export const singleLinePattern = (max: number) => `^\\s*${NAME_CORE}(?:${NAME_ANY}{0,${max - 2}}${NAME_CORE})?\\s*$`;
export const MULTI_LINE_PATTERN = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$";

/** One line of text for a name: trimmed, 1 to `max` characters, no control characters. */
export function singleLineText(max: number) {
  return wellFormedString()
    .trim()
    .refine((s) => codePoints(s) >= 1, { error: issue("empty") })
    .refine((s) => codePoints(s) <= max, { error: issue("tooLong", { max }) })
    .refine((s) => !LINE_CONTROL.test(s), { error: issue("control") });
}

/** Free text, such as a comment: up to `max` characters, newline and tab allowed, no other control characters. */
export function multiLineText(max: number) {
  return wellFormedString()
    .refine((s) => codePoints(s) <= max, { error: issue("tooLong", { max }) })
    .refine((s) => !TEXT_CONTROL.test(s), { error: issue("controlComment") });
}
