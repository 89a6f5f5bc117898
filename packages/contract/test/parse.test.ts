/**
 * parse.ts: text → JSON → validated document → engine world and events, with the
 * limits every door applies; every failure a ContractError that names the field
 * and never echoes the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  jsonDepth,
  MAX_DEPTH,
  MAX_DOCUMENT_BYTES,
  parseEvent,
  parseJsonText,
  parseScenario,
  parseScenarioText,
} from '../src/index.ts';
import { minimalEvents, omitted, scenario } from './support/documents.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../shared/contract/examples');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.scenario.json'))
  .sort();

/** The error `act` throws; fails the test when it throws nothing. */
function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('jsonDepth', () => {
  it.each([
    ['a scalar', '42', 0],
    ['an empty object', '{}', 1],
    ['an array of objects', '[{"a":{}},{}]', 3],
    ['brackets inside a string', '["[[[{{{"]', 1],
    ['an escaped quote before brackets in a string', '["\\"[[["]', 1],
    ['an escaped backslash ending a string', '["\\\\", [[]]]', 3],
  ])('counts %s', (_what, text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });
});

describe('parseJsonText', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonText('{"version": 1, "events": []}')).toEqual({ version: 1, events: [] });
  });

  it(`accepts nesting up to ${MAX_DEPTH} levels and refuses one more, before parsing`, () => {
    // Prepare
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

    // Act
    const error = thrownBy(() => parseJsonText(nested(MAX_DEPTH + 1), 'scenario'));

    // Assess
    expect(MAX_DEPTH).toBe(32);
    expect(() => parseJsonText(nested(MAX_DEPTH))).not.toThrow();
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe('invalid scenario: JSON nested deeper than 32 levels');
  });

  it('measures the size limit in UTF-8 bytes, not characters', () => {
    // Prepare: 22 million characters, 64 MiB and 5 bytes
    const text = `"${'张'.repeat(MAX_DOCUMENT_BYTES / 3 + 1)}"`;

    // Act
    const error = thrownBy(() => parseJsonText(text));

    // Assess
    expect(MAX_DOCUMENT_BYTES).toBe(64 * 1024 * 1024);
    expect(text.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe('invalid document: larger than 67108864 bytes');
  });

  it.each([
    ['a bare name and ID number', '张三 330802198001010016'],
    ['an unquoted value', '{"name": 张三, "idNumber": "330802198001010016"}'],
    ['a trailing value', '{"name": "张三"} 330802198001010016'],
    ['a long text cut short', `{"members": [${'{"name": "张三", "idNumber": "330802198001010016"},'.repeat(20)}`],
    ['a stray token after a long prefix', `{"phone": "13800000000", "name": "张三", "x": ${'1'.repeat(40)}张三 330802198001010016}`],
  ])('refuses %s as not JSON without echoing the personal data', (_what, text) => {
    // Act
    const error = thrownBy(() => parseJsonText(text, 'scenario'));

    // Assess
    expect(error).toBeInstanceOf(ContractError);
    const { message } = error as ContractError;
    expect(message).toMatch(/^invalid scenario: not JSON \(.+\)$/);
    expect(message).not.toContain('张三');
    expect(message).not.toContain('330802198001010016');
    expect(message).not.toContain('13800000000');
  });

  it('refuses empty text', () => {
    expect(() => parseJsonText('')).toThrow(new ContractError('invalid document: not JSON (Unexpected end of JSON input)'));
  });

  it('does not strip a byte-order mark: a document saved with one is refused as not JSON', () => {
    // Act
    const error = thrownBy(() => parseJsonText('\ufeff{"version": 1}'));

    // Assess
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toMatch(/^invalid document: not JSON \(/);
  });
});

describe('parseEvent', () => {
  it('returns the engine event of a valid document', () => {
    // Act
    const event = parseEvent(minimalEvents().reverseClaim);

    // Assess
    expect(event).toEqual({ type: 'reverseClaim', id: 'x1', at: Date.parse('2021-03-02T02:00:00Z'), claimId: 'c1' });
  });

  it('throws a ContractError about the event, naming the field', () => {
    // Act
    const error = thrownBy(() => parseEvent(omitted(minimalEvents().claim, [], 'serviceDate')));

    // Assess
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe('invalid event: serviceDate: is required (must be a date YYYY-MM-DD)');
    expect((error as ContractError).issues).toEqual([{ path: 'serviceDate', message: 'is required (must be a date YYYY-MM-DD)' }]);
  });

  it('reports a wrong type as such, not as a missing field', () => {
    expect(() => parseEvent({ ...minimalEvents().claim, useAccount: 'yes' })).toThrow(
      'invalid event: useAccount: expected boolean, received string',
    );
  });
});

describe('parseScenario', () => {
  it('returns the document, its world and its events', () => {
    // Act
    const parsed = parseScenario({ ...scenario(), events: [minimalEvents().claim, minimalEvents().unbindFamily] });

    // Assess
    expect(parsed.doc.members.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(parsed.world.members.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(parsed.events.map((e) => [e.type, e.id])).toEqual([
      ['claim', 'c1'],
      ['unbindFamily', 'u1'],
    ]);
  });

  it('throws a ContractError about the scenario, naming the path of a cross-reference', () => {
    // Act
    const error = thrownBy(() => parseScenario({ ...scenario(), events: [{ ...minimalEvents().claim, providerId: 'H-XX-1' }] }));

    // Assess
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe('invalid scenario: events[0].providerId: unknown provider H-XX-1');
  });

  it('throws a ContractError for text that is not a scenario', () => {
    expect(() => parseScenarioText('[]')).toThrow(ContractError);
    expect(() => parseScenarioText('{"version": 1')).toThrow(/^invalid scenario: not JSON \(/);
  });
});

describe('every public example', () => {
  it('is found beside the repository', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it.each(examples)('%s reads the same from its text and from its JSON value', (file) => {
    // Prepare
    const text = readFileSync(join(EXAMPLES, file), 'utf8');

    // Act
    const fromText = parseScenarioText(text);
    const fromValue = parseScenario(JSON.parse(text));

    // Assess
    expect(fromText).toEqual(fromValue);
    expect(fromText.events).toHaveLength((JSON.parse(text) as { events: unknown[] }).events.length);
  });

  it.each(examples)('%s, once parsed, parses again to the same scenario (defaults are stable)', (file) => {
    // Prepare
    const first = parseScenarioText(readFileSync(join(EXAMPLES, file), 'utf8'));

    // Act
    const again = parseScenarioText(JSON.stringify(first.doc));

    // Assess
    expect(again.doc).toEqual(first.doc);
    expect(again.events).toEqual(first.events);
    expect(again.world).toEqual(first.world);
  });
});
