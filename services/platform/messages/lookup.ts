// The catalogue's maps are typed with `satisfies`, so a known key (t.refusal.not_found) is a string and a
// missing one a compile error. A key known only at run time (a status, a role, an action name) goes
// through `lookup`, which says honestly that the catalogue may have nothing for it.

/** The entry for a run-time key, or undefined when the map has none (never an inherited property). */
export function lookup<T extends object>(entries: T, key: string): T[keyof T] | undefined {
  return Object.hasOwn(entries, key) ? entries[key as keyof T] : undefined;
}
