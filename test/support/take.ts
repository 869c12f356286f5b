/** A tuple of exactly `N` items of type `T` (for small literal `N`). */
export type Tuple<T, N extends number, R extends T[] = []> = R["length"] extends N ? R : Tuple<T, N, [T, ...R]>;

/**
 * The first `count` items of `list`, typed as a tuple so they destructure without `undefined`:
 * `const [first, second] = take(await apiProcesses(page.request), 2);`. Throws if the list is shorter.
 */
export function take<T, N extends number>(list: readonly T[], count: N): Tuple<T, N> {
  if (list.length < count) throw new Error(`expected at least ${count} items, got ${list.length}`);
  return list.slice(0, count) as Tuple<T, N>;
}
