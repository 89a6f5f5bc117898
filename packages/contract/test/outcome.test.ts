/**
 * outcome.ts: the outcome document as the contract prints it — `results` then
 * `balances`, two-space JSON ending in a newline — checked against every public
 * example's expected file under the contract's comparison rules (compare.mjs:
 * numbers and codes; messages and policy ids are free).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fen, type Outcome, replay, ZERO } from '@medins/engine';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — compare.mjs is the contract's own plain-JS comparator, without types.
import { compare } from '../../../../shared/contract/compare.mjs';
import { parseScenarioText, renderOutcome } from '../src/index.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../shared/contract/examples');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.scenario.json'))
  .sort();

describe('renderOutcome', () => {
  it('prints results then balances as two-space JSON with a final newline', () => {
    // Prepare
    const outcome: Outcome = { results: [], balances: { m1: { currentFen: ZERO, historicalFen: fen(490000) } } };

    // Act
    const text = renderOutcome(outcome);

    // Assess
    expect(text).toBe(
      '{\n  "results": [],\n  "balances": {\n    "m1": {\n      "currentFen": 0,\n      "historicalFen": 490000\n    }\n  }\n}\n',
    );
  });

  it('prints nothing but the results and the balances', () => {
    // Prepare: an outcome object that carries more than the contract prints
    const outcome = { results: [], balances: {}, notifications: ['x'] };

    // Act
    const printed = JSON.parse(renderOutcome(outcome));

    // Assess
    expect(Object.keys(printed)).toEqual(['results', 'balances']);
  });

  it('is compared with a comparator that catches a changed figure and a changed code', () => {
    // Prepare
    const expected = { results: [{ id: 'c1', totalFen: 100, reasons: [{ code: 'NO_BASIC_PLAN', message: 'a' }] }], balances: {} };
    const sameButWording = { results: [{ id: 'c1', totalFen: 100, reasons: [{ code: 'NO_BASIC_PLAN', message: 'b' }] }], balances: {} };
    const otherFigure = { results: [{ id: 'c1', totalFen: 101, reasons: [{ code: 'NO_BASIC_PLAN' }] }], balances: {} };
    const otherCode = { results: [{ id: 'c1', totalFen: 100, reasons: [{ code: 'MEMBER_NOT_FOUND' }] }], balances: {} };

    // Act & Assess
    expect(compare(expected, sameButWording)).toEqual([]);
    expect(compare(expected, otherFigure)).toEqual(['$.results[0].totalFen: expected 100, got 101']);
    expect(compare(expected, otherCode)).toEqual(['$.results[0].reasons: expected [NO_BASIC_PLAN], got [MEMBER_NOT_FOUND]']);
  });

  it.each(examples)('prints %s as its expected file says', (file) => {
    // Prepare
    const scenario = parseScenarioText(readFileSync(join(EXAMPLES, file), 'utf8'));
    const expected = JSON.parse(readFileSync(join(EXAMPLES, file.replace('.scenario.json', '.expected.json')), 'utf8'));
    const outcome = replay(scenario.world, scenario.events);

    // Act
    const printed = JSON.parse(renderOutcome(outcome));

    // Assess: one result per event in timeline order, balances in the engine's order, every figure and code as expected
    expect(Object.keys(printed)).toEqual(['results', 'balances']);
    expect(printed.results.map((r: { id: string }) => r.id)).toEqual(scenario.events.map((e) => e.id));
    expect(Object.keys(printed.balances)).toEqual(Object.keys(outcome.balances));
    expect(Object.keys(printed.balances)).toEqual(Object.keys(expected.balances));
    const diffs: string[] = compare(expected, printed);
    expect(diffs).toEqual([]);
  });
});
