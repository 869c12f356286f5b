export type FieldName = "name" | "comment";
export type FieldErrors = Partial<Record<FieldName, string>>;

export type RowRefusal = { fields: FieldErrors; gone?: string; other?: string };

const FIELDS: readonly string[] = ["name", "comment"] satisfies FieldName[];
const BULK_POINTER = /^\/processes\/(\d+)\/([a-z]+)$/;
const ONE_POINTER = /^\/([a-z]+)$/;

function add(map: Map<number, RowRefusal>, id: number, field: string, detail: string): void {
  const refusal = map.get(id) ?? { fields: {} };
  if (FIELDS.includes(field)) refusal.fields[field as FieldName] = detail;
  else if (field === "id") refusal.gone = detail;
  else refusal.other = detail;
  map.set(id, refusal);
}

/**
 * Maps a 1001's JSON pointers to rows and fields. A bulk request's pointers index the request array
 * ("/processes/3/name" is the fourth item sent), so `sentIds` turns an index back into the row's id.
 */
export function refusalsByRow(
  errors: { pointer: string; detail: string }[],
  sentIds: number[],
  bulk: boolean,
): { rows: Map<number, RowRefusal>; unplaced: string[] } {
  const rows = new Map<number, RowRefusal>();
  const unplaced: string[] = [];
  for (const { pointer, detail } of errors) {
    const match = bulk ? BULK_POINTER.exec(pointer) : ONE_POINTER.exec(pointer);
    const id = bulk ? sentIds[Number(match?.[1])] : sentIds[0];
    const field = bulk ? match?.[2] : match?.[1];
    if (match && id !== undefined && field) add(rows, id, field, detail);
    else unplaced.push(`${pointer || "request"}: ${detail}`);
  }
  return { rows, unplaced };
}
