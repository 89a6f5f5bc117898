/**
 * Every public example of the contract, and every scenario of our own under
 * test/scenarios, replayed by the scenario command's code path and compared with
 * its expected outcome under the contract's comparison rules (compare.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — compare.mjs is the contract's own plain-JS comparator, without types.
import { compare } from '../../../shared/contract/compare.mjs';
import { runScenarioCommand } from '../../packages/cli/src/scenario.ts';

const dirs = [join(import.meta.dirname, '../../../shared/contract/examples'), join(import.meta.dirname, '../scenarios')];

const cases = dirs
  .filter((d) => existsSync(d))
  .flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.scenario.json'))
      .map((f) => ({
        name: f.replace('.scenario.json', ''),
        scenario: join(d, f),
        expected: join(d, f.replace('.scenario.json', '.expected.json')),
      })),
  );

describe('scenario command reproduces every expected outcome', () => {
  it('finds the public examples', () => {
    expect(cases.filter((c) => c.scenario.includes('shared')).length).toBeGreaterThanOrEqual(7);
  });
  for (const c of cases) {
    it(c.name, () => {
      const run = runScenarioCommand([c.scenario]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const diffs: string[] = compare(JSON.parse(readFileSync(c.expected, 'utf8')), JSON.parse(run.stdout));
      expect(diffs).toEqual([]);
    });
  }
});
