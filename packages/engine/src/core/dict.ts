/**
 * Records keyed by ids from outside (member ids, event ids) must not meet
 * Object.prototype: an id may be "constructor" or "__proto__". A dict has no
 * prototype, and `own` reads only what was put there.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
