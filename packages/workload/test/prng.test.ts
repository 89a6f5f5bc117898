/**
 * prng.ts: a deterministic stream per seed and label, draws inside their ranges,
 * forks independent of the parent's position, at-least-one edge cases.
 */
import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, pickSome, weightedTable } from '../src/prng.ts';

const draws = (seed: number, n = 20) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    // Prepare / Act
    const a = draws(42);
    const b = draws(42);
    const c = draws(43);
    // Assess
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('accepts any finite seed, fractional and negative included', () => {
    expect(draws(-1.5)).toEqual(draws(-1.5));
    expect(draws(-1.5)).not.toEqual(draws(1.5));
  });

  it('forks by label, whatever the parent has drawn already', () => {
    const fresh = createRng(7).fork('claims');
    const used = createRng(7);
    for (let i = 0; i < 100; i++) used.next();
    const forked = used.fork('claims');
    expect(Array.from({ length: 5 }, () => fresh.next())).toEqual(Array.from({ length: 5 }, () => forked.next()));
    expect(createRng(7).fork('claims').next()).not.toBe(createRng(7).fork('people').next());
  });

  it('keeps int() inside its bounds, both ends reachable', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws weighted items roughly in proportion and never a zero-weight one', () => {
    const rng = createRng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        rng.weighted([
          ['a', 3],
          ['b', 1],
          ['c', 0],
        ] as const)
      ]++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
  });

  it('shuffles without losing or inventing items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = createRng(9).shuffled(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('hashSeed', () => {
  it('is a stable unsigned 32-bit value', () => {
    expect(hashSeed('42/root')).toBe(hashSeed('42/root'));
    expect(hashSeed('42/root')).toBeGreaterThanOrEqual(0);
    expect(hashSeed('42/root')).toBeLessThan(2 ** 32);
  });
});

describe('weightedTable', () => {
  it('skips items without weight and is undefined when none has one', () => {
    const rng = createRng(3);
    const table = weightedTable(['x', 'y', 'z'], (s) => (s === 'y' ? 0 : 1))!;
    const drawn = new Set(Array.from({ length: 500 }, () => table.draw(rng)));
    expect(table.size).toBe(2);
    expect([...drawn].sort()).toEqual(['x', 'z']);
    expect(weightedTable(['x'], () => 0)).toBeUndefined();
  });
});

describe('pickSome', () => {
  it('picks at least the minimum even when the share picks none', () => {
    const chosen = pickSome(createRng(1), [1, 2, 3, 4], 0, 2);
    expect(chosen.size).toBe(2);
    expect(pickSome(createRng(1), [], 0.5, 1).size).toBe(0);
  });
});
