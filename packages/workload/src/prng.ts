/**
 * Deterministic pseudo-random numbers for the workload generator (generator → prng).
 * mulberry32 over a 32-bit state: the same seed gives the same stream on every
 * platform and Node version. Math.random is never used anywhere in this package.
 *
 * Each part of the workload draws from its own stream, forked by a label from the
 * seed (not from the parent's position), so adding a draw in one module never
 * shifts what another module generates.
 */
import { DrawError } from './errors.ts';

/** A stream of pseudo-random draws. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One item, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
  /** A log-normal draw with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number;
  /** A copy of `items` in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[];
  /** An independent stream derived from this stream's seed and `label`. */
  fork(label: string): Rng;
}

/** FNV-1a over a string, then a splitmix-style finaliser: a well-mixed 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The mulberry32 step function over a 32-bit state. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stream for `seed` (any number; non-integers and negatives are fine).
 * @example
 * const rng = createRng(42);
 * rng.int(1, 6); // the same die roll on every run
 */
export function createRng(seed: number, label = 'root'): Rng {
  const key = `${seed}/${label}`;
  const draw = mulberry32(hashSeed(key));
  const rng: Rng = {
    next: draw,
    int: (min, max) => min + Math.floor(draw() * (max - min + 1)),
    chance: (p) => draw() < p,
    pick: (items) => {
      if (items.length === 0) throw new DrawError('pick from an empty list');
      return items[Math.floor(draw() * items.length)]!;
    },
    weighted: (entries) => {
      let total = 0;
      for (const [, w] of entries) total += w;
      if (!(total > 0)) throw new DrawError('weighted pick needs a positive total weight');
      let u = draw() * total;
      for (const [item, w] of entries) {
        u -= w;
        if (u < 0) return item;
      }
      return entries[entries.length - 1]![0];
    },
    normal: () => {
      const u1 = 1 - draw();
      const u2 = draw();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    shuffled: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(draw() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork: (child) => createRng(seed, `${label}/${child}`),
  };
  return rng;
}

/**
 * Each item with probability `share`, and never fewer than `atLeast` (when there
 * are that many): the deliberate edge cases still appear in a small workload.
 * @example pickSome(rng, households, 0.05, 1) // about 5 %, at least one
 */
export function pickSome<T>(rng: Rng, items: readonly T[], share: number, atLeast = 0): Set<T> {
  const chosen = new Set(items.filter(() => rng.chance(share)));
  if (chosen.size < atLeast)
    for (const item of rng.shuffled(items.filter((i) => !chosen.has(i))).slice(0, atLeast - chosen.size)) chosen.add(item);
  return chosen;
}

/** A table for drawing many times from many weighted items: cumulative sums, binary search. */
export interface WeightedTable<T> {
  readonly size: number;
  draw(rng: Rng): T;
}

/**
 * Builds a table over the items with a positive weight; `undefined` when none has one.
 * @example weightedTable(members, (m) => m.age >= 60 ? 2 : 1)?.draw(rng)
 */
export function weightedTable<T>(items: readonly T[], weightOf: (item: T) => number): WeightedTable<T> | undefined {
  const kept: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    const w = weightOf(item);
    if (!(w > 0)) continue;
    total += w;
    kept.push(item);
    cumulative.push(total);
  }
  if (kept.length === 0) return undefined;
  return {
    size: kept.length,
    draw(rng) {
      const u = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      return kept[lo]!;
    },
  };
}
