import type { TableRow } from "../model/table-row";

/**
 * What the row order needs to remember between builds, outside React's state (it changes no rendering by
 * itself): the view last built (its sort, filter and shown rows, and its ids in order) and the row last
 * worked in. Rebuilt for the same view (new data: a save, a live change), the rows keep that row in place.
 */
export class RowOrderMemory {
  private key = "";
  private ids: readonly number[] = [];
  private focusedId: number | null = null;

  /** Called on focus inside the table: the row holding the focused cell. */
  noteFocus = (target: EventTarget): void => {
    const row = (target as HTMLElement).closest?.<HTMLElement>("[data-id]");
    if (row) this.focusedId = Number(row.dataset.id);
  };

  build(key: string, build: (hold: number | null, previous: readonly number[]) => TableRow[]): TableRow[] {
    const same = this.key === key;
    const rows = build(same ? this.focusedId : null, this.ids);
    this.key = key;
    this.ids = rows.map((r) => r.process.id);
    return rows;
  }
}
