import { presenceSnapshotSchema, type PresencePerson } from "@/lib/validations/presence";

// What the page knows of the other people with the list open: the latest `presence` event, less oneself.
// Rows read only their own editors (a string, so a row re-renders only when its editors change).

export class PresenceStore {
  private people: PresencePerson[] = [];
  private self: number | null = null;
  private others: PresencePerson[] = [];
  private byRow = new Map<number, PresencePerson[]>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** A `presence` event's data; anything malformed is ignored. */
  apply = (data: unknown) => {
    const parsed = presenceSnapshotSchema.safeParse(data);
    if (parsed.success) this.update(parsed.data.people, this.self);
  };

  setSelf = (userId: number) => {
    if (userId !== this.self) this.update(this.people, userId);
  };

  /** The stream is down: nobody is known to be here. */
  clear = () => this.update([], this.self);

  /** Everyone else with the list open, by name. Until the page knows who it is, nobody. */
  getOthers = () => this.others;

  /** The people editing this row, as one string of "userId:name" lines (stable for useSyncExternalStore). */
  editorsKey = (id: number) => (this.byRow.get(id) ?? []).map((p) => `${p.userId}:${p.name}`).join("\n");

  private update(people: PresencePerson[], self: number | null) {
    this.people = people;
    this.self = self;
    this.others = self === null ? [] : people.filter((p) => p.userId !== self);
    this.byRow = new Map();
    for (const person of this.others)
      for (const id of person.editing) this.byRow.set(id, [...(this.byRow.get(id) ?? []), person]);
    for (const listener of this.listeners) listener();
  }
}

/** The names in an editorsKey, in order. */
export const namesOfKey = (key: string) =>
  key ? key.split("\n").map((line) => line.slice(line.indexOf(":") + 1)) : [];
