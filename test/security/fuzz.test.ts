/**
 * Fuzzing every door with hostile input (fast-check; more than 10,000 inputs a run):
 * malformed, oversized, wrongly typed and hostile documents — prototype-pollution
 * keys (__proto__, constructor, prototype…) at every level, deep nesting, huge
 * numbers (1e309, -0, 2^53+…), NaN and Infinity as text, unknown fields, mixed-up
 * ids, wrong event types, strings where numbers belong, control characters, lone
 * surrogates and very long strings — made by mutating valid documents.
 *
 * Doors, each with its real validation:
 * - `parseJsonText` + `parseEvent` (the API and the queue consumers);
 * - `parseScenarioText` (the scenario command), and `runScenarioCommand` itself on
 *   a few hundred of them written to temp files (exit 0 or 2, never 1);
 * - the HTTP `route` on the embedded stack (any principal, any route, any body);
 * - the queue consumer `createConsumer` on the embedded stack's dead-letter queue.
 *
 * Asserted: nothing but ContractError (or a 4xx problem) ever comes out; every
 * rejection names the document or a field path that exists in the input (and the
 * message carries it; for a single event, the path of what was mutated);
 * Object.prototype and friends are untouched; and the stack-backed doors wrote
 * nothing (every table scanned in full before and after) and enqueued nothing
 * (the queues stay empty, the queue sender was never called, no workflow started).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurgeQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import {
  ContractError,
  EVENT_TYPES,
  formatPath,
  parseEvent,
  parseJsonText,
  parseScenarioText,
  processDigester,
  type ScenarioInput,
  sealEventDoc,
  toEvent,
} from '@medins/contract';
import { MAX_FEN, withCheckDigit } from '@medins/engine';
import type { SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, registerPrincipals } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import { runScenarioCommand } from '../../packages/cli/src/scenario.ts';
import {
  answerOf,
  type Call,
  eventFor,
  looksLikeStackTrace,
  queueDepths,
  snapshotTables,
  type TableSnapshot,
  TWO_CITIES,
} from '../api/support/state.ts';
import { scenarioArbitrary } from '../support/scenario-arbitrary.ts';

// ---------------------------------------------------------------------------------------------
// Counting, and the state of the built-in prototypes before anything ran.

const counts = { events: 0, scenarios: 0, rawText: 0, command: 0, http: 0, consumer: 0 };
const total = () => Object.values(counts).reduce((a, b) => a + b, 0);

const PROTOTYPES = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
  Number: Number.prototype,
};
const protoShape = () =>
  Object.fromEntries(Object.entries(PROTOTYPES).map(([name, p]) => [name, Reflect.ownKeys(p).map(String).sort().join(',')]));
const PROTO_BEFORE = protoShape();
const PROTO_OF_PLAIN = Object.getPrototypeOf({});

function expectPrototypesUntouched(): void {
  expect(protoShape()).toEqual(PROTO_BEFORE);
  expect(Object.getPrototypeOf({})).toBe(PROTO_OF_PLAIN);
  const probe = {} as Record<string, unknown>;
  for (const k of ['polluted', 'isAdmin', 'role', 'x']) expect(probe[k]).toBeUndefined();
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
];
const UNKNOWN_KEYS = [
  'amount',
  'memberID',
  'member_id',
  'Type',
  'extra',
  'admin',
  'role',
  'eventId',
  '',
  ' ',
  'lines ',
  'id\u0000',
  '$where',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  '[0]',
  'a.b',
];

/** A JSON token written into the text as is (numbers JSON.stringify cannot write, invalid JSON, deep nesting). */
class Raw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const nest = (n: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

const rawToken = fc
  .oneof(
    // Numbers JSON can spell but JSON.stringify never writes.
    fc.constantFrom(
      '1e309',
      '-1e309',
      '1E400',
      '-0',
      '-0.0',
      '0.1e-400',
      '123456789012345678901234567890',
      '9007199254740993',
      '1.0',
      '1e2',
      '1000000000001',
      '5e-324',
      '-1e-7',
    ),
    // Not JSON at all.
    fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      'undefined',
      '0x10',
      '+1',
      '.5',
      '01',
      "'x'",
      '[1,]',
      '{,}',
      '"\\x41"',
      '"\u0001"',
      '"a\nb"',
      'tru',
      '"unterminated',
    ),
    // Deep nesting: under, at and far over the limit.
    fc.tuple(fc.integer({ min: 2, max: 60 }), fc.constantFrom('array' as const, 'object' as const)).map(([n, k]) => nest(n, k)),
    fc.tuple(fc.constantFrom(1_000, 100_000), fc.constantFrom('array' as const, 'object' as const)).map(([n, k]) => nest(n, k)),
  )
  .map((t) => new Raw(t));

const hostileNumber = fc.oneof(
  fc.constantFrom(
    -1,
    -1e-9,
    0.5,
    0.1 + 0.2,
    1.5,
    1e21,
    1e308,
    -1e308,
    MAX_FEN + 1,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e-7,
    10_000.5,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const hostileString = fc.oneof(
  fc.constantFrom(
    ...PROTO_KEYS,
    '',
    ' ',
    '\t',
    '\u0000',
    '\u0007',
    '\u001f',
    '\u007f',
    '\u2028',
    '\u202e',
    '\ufeff',
    '\ud800',
    '\udfff',
    '|',
    'a|b',
    'a b',
    '../../x',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as literal text on purpose.
    '${7*7}',
    '{{7*7}}',
    '%s%n',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '100',
    '０',
    '2024-02-30',
    '2024-13-01',
    '2024-3-1',
    '2021-03-01T10:00:00',
    '2021-03-01T24:00:00+08:00',
    '2021-03-01T10:00:00+25:00',
    '0000-01-01',
    'true',
    'null',
    '[]',
    '{}',
    '张三',
    '330802198001010011',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\n', 'a', '\u202e', '\ud800', '"', '\\', '|', ' '), maxLength: 20 }),
  fc.integer({ min: 129, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(100_000, 300_000).map((n) => 'é'.repeat(n)),
);

/** An object with an own `key` (even `__proto__`) holding `value`. */
function own(key: string, value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return o;
}

const hostileKey = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...UNKNOWN_KEYS), fc.string({ maxLength: 12 }));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 3, arbitrary: rawToken },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]]) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 2, arbitrary: fc.tuple(hostileKey, fc.constantFrom<unknown>({ polluted: true }, 'yes', 1, [])).map(([k, v]) => own(k, v)) },
);

// ---------------------------------------------------------------------------------------------
// Mutating a valid document.

type Path = (string | number)[];

interface Mutation {
  readonly kind: 'replace' | 'delete' | 'insert' | 'wrap' | 'swapType' | 'renameId' | 'maxMoney';
  readonly pick: number;
  readonly value: unknown;
  readonly key: string;
  readonly other: number;
}

const mutationArb = (kinds: readonly Mutation['kind'][], weights: readonly number[]) =>
  fc.record({
    kind: fc.oneof(...kinds.map((k, i) => ({ weight: weights[i] ?? 1, arbitrary: fc.constant(k) }))),
    pick: fc.nat(),
    value: hostileValue,
    key: hostileKey,
    other: fc.nat(),
  });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Raw);

/** Every node's path, root first (bounded: large strings and raw tokens are leaves). */
function nodePaths(root: unknown): Path[] {
  const out: Path[] = [];
  const stack: [unknown, Path][] = [[root, []]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) for (const [i, x] of v.entries()) stack.push([x, [...p, i]]);
    else if (isObject(v)) for (const k of Object.keys(v)) stack.push([v[k], [...p, k]]);
  }
  return out;
}

/** A deep copy that keeps own `__proto__` keys and raw tokens (generated values are shared between runs). */
function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v))
    Object.defineProperty(out, k, { value: clone(v[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

const at = (root: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

function deleteAt(root: unknown, path: Path): void {
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
}

/**
 * Applies one mutation; returns the path whose subtree it changed (the scope a
 * rejection must point into), or null when the mutation is meant to stay valid
 * or has effects across the document (renamed ids, money at the maximum).
 */
function mutate(root: { value: unknown }, m: Mutation): Path | null {
  const paths = nodePaths(root.value);
  const pick = <T>(xs: readonly T[]) => xs[m.pick % xs.length]!;
  switch (m.kind) {
    case 'replace': {
      const p = pick(paths);
      root.value = setAt(root.value, p, m.value);
      return p;
    }
    case 'wrap': {
      const p = pick(paths);
      root.value = setAt(root.value, p, m.other % 2 === 0 ? [at(root.value, p)] : own('value', at(root.value, p)));
      return p;
    }
    case 'delete': {
      const candidates = paths.filter((p) => p.length > 0);
      if (candidates.length === 0) return null;
      const p = pick(candidates);
      deleteAt(root.value, p);
      return p.slice(0, -1).concat(typeof p[p.length - 1] === 'number' ? [] : [p[p.length - 1]!]);
    }
    case 'insert': {
      const containers = paths.filter((p) => isObject(at(root.value, p)) || Array.isArray(at(root.value, p)));
      if (containers.length === 0) return null;
      const p = pick(containers);
      const target = at(root.value, p);
      if (Array.isArray(target)) {
        target.push(m.value);
        return [...p, target.length - 1];
      }
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      return p;
    }
    case 'swapType': {
      // A wrong event type (or proof kind) on an otherwise intact object.
      const objects = paths.filter((p) => {
        const v = at(root.value, p);
        return isObject(v) && (typeof v.type === 'string' || typeof v.kind === 'string');
      });
      if (objects.length === 0) return null;
      const p = pick(objects);
      const o = at(root.value, p) as Record<string, unknown>;
      const field = typeof o.type === 'string' ? 'type' : 'kind';
      const choices = field === 'type' ? [...EVENT_TYPES, 'Claim', 'claims', 'refund'] : ['idNumber', 'birthCertificate', 'passport'];
      o[field] = choices[m.other % choices.length];
      return p;
    }
    case 'renameId': {
      // Mixed-up ids: every occurrence of one id becomes another id of the document, or a hostile (but well-formed) one.
      const ids = [
        ...new Set(
          paths
            .filter((p) => p[p.length - 1] === 'id')
            .map((p) => at(root.value, p))
            .filter((v): v is string => typeof v === 'string'),
        ),
      ];
      if (ids.length === 0) return null;
      const from = pick(ids);
      const to =
        m.other % 3 === 0
          ? ids[m.other % ids.length]!
          : [...PROTO_KEYS, 'a/b', '张三', '🦀', '%00', '..'][m.other % (PROTO_KEYS.length + 5)]!;
      for (const p of nodePaths(root.value)) if (at(root.value, p) === from) root.value = setAt(root.value, p, to);
      return null;
    }
    case 'maxMoney': {
      // The largest figures the contract allows: the engine must still add up (safe integers, BigInt fallback).
      for (const p of paths) {
        const last = p[p.length - 1];
        if (typeof last === 'string' && last.endsWith('Fen') && typeof at(root.value, p) === 'number' && m.other % 2 === 0)
          root.value = setAt(root.value, p, MAX_FEN);
      }
      return null;
    }
  }
}

/** JSON text of a mutated document, raw tokens written as they are. */
function toText(value: unknown): string {
  const raws: string[] = [];
  const nonce = `\ue000${Math.random().toString(36).slice(2)}`;
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `${nonce}${raws.length - 1}${nonce}`;
    }
    return v;
  });
  if (text === undefined) return '';
  return raws.length === 0 ? text : text.replace(new RegExp(`"${nonce}(\\d+)${nonce}"`, 'g'), (_m, i: string) => raws[Number(i)]!);
}

interface Mutated {
  readonly text: string;
  /** Subtrees the mutations changed; null entries for document-wide ones. */
  readonly scopes: (Path | null)[];
}

const mutatedText = (base: fc.Arbitrary<unknown>, mutations: fc.Arbitrary<Mutation[]>): fc.Arbitrary<Mutated> =>
  fc.tuple(base, mutations).map(([doc, ms]) => {
    const root = { value: clone(doc) };
    const scopes = ms.map((m) => mutate(root, { ...m, value: clone(m.value) }));
    return { text: toText(root.value), scopes };
  });

// ---------------------------------------------------------------------------------------------
// What a rejection must look like.

/** Formatted paths of every node of the text's JSON (when it parses and is not too deep). */
function pathsOfText(text: string): Set<string> {
  let json: unknown;
  try {
    json = parseJsonText(text, 'probe');
  } catch {
    return new Set();
  }
  return new Set(nodePaths(json).map((p) => formatPath(p)));
}

/** The issue's path is a node of the input, or a missing field (or item) directly under one. */
function pathExists(issuePath: string, nodes: Set<string>): boolean {
  if (issuePath === '(document)' || nodes.has(issuePath)) return true;
  if (/^[A-Za-z0-9_]+$/.test(issuePath)) return true; // a missing top-level field
  const m = /^(.*?)(?:\.([A-Za-z0-9_]+)|\[(\d+)\])$/.exec(issuePath);
  if (!m) return false;
  const parent = m[1] === '' ? '(document)' : m[1]!;
  return nodes.has(parent) || (parent === '(document)' && m[2] !== undefined);
}

/** Ancestors, descendants and siblings of the changed subtree point into it. */
function related(issuePath: string, scope: Path): boolean {
  const s = formatPath(scope);
  if (issuePath === '(document)' || s === '(document)') return true;
  const under = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  const parent = formatPath(scope.slice(0, -1));
  return (
    under(issuePath, s) ||
    under(s, issuePath) ||
    (scope.length > 0 && (parent === '(document)' ? !issuePath.includes('.') && !issuePath.includes('[') : under(issuePath, parent)))
  );
}

const DOCUMENT_LEVEL = /not JSON|nested deeper than|larger than/;

/** Checks a ContractError from a door; `what` is the word the door names its input with. */
function checkRejection(e: unknown, what: string, input: Mutated, strict: boolean): void {
  if (!(e instanceof ContractError))
    throw new Error(`not a ContractError but ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
  expect(e.message.startsWith(`invalid ${what}: `), e.message).toBe(true);
  expect(e.message.length).toBeGreaterThan(`invalid ${what}: `.length);
  expect(looksLikeStackTrace(e.message)).toBe(false);
  if (e.issues.length === 0) {
    expect(e.message, 'a rejection without issues is about the whole document').toMatch(DOCUMENT_LEVEL);
    return;
  }
  expect(e.message, 'the message names the first issue’s path').toContain(`: ${e.issues[0]!.path}: `);
  const nodes = pathsOfText(input.text);
  for (const issue of e.issues) {
    expect(issue.message.length, issue.path).toBeGreaterThan(0);
    expect(pathExists(issue.path, nodes), `issue path ${issue.path} is not in the input`).toBe(true);
  }
  const scopes = input.scopes.filter((s): s is Path => s !== null);
  if (strict && scopes.length === input.scopes.length) {
    const hit = e.issues.some((i) => scopes.some((s) => related(i.path, s)));
    expect(
      hit,
      `no issue points at what was mutated (${scopes.map((s) => formatPath(s)).join(', ')}): ${e.issues.map((i) => i.path).join(', ')}`,
    ).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// Valid documents to start from.

const AT = '2024-03-02T10:00:00+08:00';
const ID = withCheckDigit('33080219800101001');
const line = (code: string, category: string, amountFen: number, extra: Record<string, unknown> = {}) => ({
  code,
  category,
  amountFen,
  ...extra,
});
const visit = (type: 'claim' | 'quote', id: string) => ({
  type,
  id,
  at: AT,
  memberId: 'qz-1',
  cardHolderId: 'qz-1',
  providerId: 'H-QZ-3',
  visitType: 'inpatient',
  serviceDate: '2024-03-02',
  useAccount: true,
  lines: [
    line('A-1', 'A', 400_000),
    line('B-1', 'B', 100_000, { selfPayRatio: 0.1 }),
    line('SD01', 'OOC', 30_000, { onLabel: true }),
    line('G-1', 'nonMedical', 5_000),
  ],
});

const BASE_EVENTS: readonly Record<string, unknown>[] = [
  visit('claim', 'f-c1'),
  visit('quote', 'f-q1'),
  {
    type: 'enroll',
    id: 'f-e1',
    at: AT,
    productId: 'huiqubao-2024',
    payerId: 'qz-1',
    insuredId: 'qz-2',
    relationship: 'spouse',
    payment: 'personalAccount',
    realName: { name: '张三', idNumber: ID, phone: '13800000001' },
  },
  {
    type: 'enroll',
    id: 'f-e2',
    at: AT,
    productId: 'huiqubao-2024',
    payerId: 'qz-1',
    insuredId: 'qz-1',
    relationship: 'self',
    payment: 'cash',
    realName: null,
  },
  {
    type: 'bindFamily',
    id: 'f-b1',
    at: AT,
    holderId: 'qz-1',
    memberId: 'qz-2',
    relationship: 'spouse',
    validFrom: AT,
    validTo: '2024-12-31T23:59:59.999+08:00',
  },
  { type: 'unbindFamily', id: 'f-u1', at: AT, holderId: 'qz-1', memberId: 'qz-2' },
  { type: 'renewalCampaign', id: 'f-r1', at: AT, fromProductId: 'huiqubao-2024', toProductId: 'huiqubao-2025' },
  { type: 'reverseClaim', id: 'f-x1', at: AT, claimId: 'f-c1' },
  {
    type: 'bindViewer',
    id: 'f-v1',
    at: AT,
    ownerId: 'qz-1',
    memberId: 'qz-2',
    relationship: 'spouse',
    proof: { kind: 'idNumber', name: '李四', idNumber: ID },
    faceVerified: true,
  },
  {
    type: 'bindViewer',
    id: 'f-v2',
    at: AT,
    ownerId: 'qz-1',
    memberId: 'qz-3',
    relationship: 'child',
    proof: { kind: 'birthCertificate', certificateNo: 'O330123456', motherName: '李四', motherIdNumber: ID },
  },
];

const baseEvent = fc.constantFrom(...BASE_EVENTS);
const EVENT_MUTATIONS = ['replace', 'delete', 'insert', 'wrap', 'swapType', 'renameId', 'maxMoney'] as const;
const eventMutations = fc.array(mutationArb(EVENT_MUTATIONS, [8, 3, 4, 1, 2, 1, 1]), { minLength: 1, maxLength: 3 });
const hostileEvent = mutatedText(baseEvent, eventMutations);

const baseScenario: fc.Arbitrary<ScenarioInput> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(TWO_CITIES) },
  { weight: 6, arbitrary: scenarioArbitrary({ regions: { min: 1, max: 2 }, members: { min: 1, max: 4 }, events: { min: 1, max: 6 } }) },
);
const scenarioMutations = fc.array(mutationArb(EVENT_MUTATIONS, [8, 3, 4, 1, 1, 2, 1]), { minLength: 1, maxLength: 3 });
const hostileScenario = mutatedText(baseScenario, scenarioMutations);

/** Raw text that is barely or not at all JSON. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', '1', 'e', '-', ' ', '\u0000', 'n'), maxLength: 300 }),
  rawToken.map((r) => r.text),
  fc.tuple(fc.constantFrom(...BASE_EVENTS), fc.nat()).map(([e, n]) => {
    const t = JSON.stringify(e);
    return t.slice(0, n % t.length); // truncated
  }),
  fc.constantFrom(
    '',
    ' ',
    '\ufeff{}',
    'null',
    '[]',
    '"x"',
    '0',
    'true',
    '{"type":"claim","type":"enroll"}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
  ),
);

// ---------------------------------------------------------------------------------------------

/** The API's door: a caller's document validated and sealed (the queue consumers' `parseEvent` takes only sealed ones). */
const apiDoor = (json: unknown) => toEvent(sealEventDoc(json, processDigester()));

describe('pure validation doors', () => {
  it('parseJsonText + sealEventDoc (the API) and parseEvent (the queue consumers): only ContractErrors naming what was mutated', () => {
    let accepted = 0;
    fc.assert(
      fc.property(hostileEvent, (input) => {
        counts.events++;
        try {
          const event = apiDoor(parseJsonText(input.text, 'request'));
          accepted++;
          expect(EVENT_TYPES).toContain(event.type);
          expect(Object.getPrototypeOf(event)).toBe(PROTO_OF_PLAIN);
        } catch (e) {
          if (e instanceof ContractError && e.message.startsWith('invalid event: ')) checkRejection(e, 'event', input, true);
          else checkRejection(e, 'request', input, true);
        }
      }),
      { numRuns: 6000 },
    );
    expectPrototypesUntouched();
    expect(accepted).toBeLessThan(counts.events * 0.25); // mostly hostile: the mutations mostly break the document
  });

  it('parseJsonText on raw text: not JSON, too deep, truncated — a ContractError about the document', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        counts.rawText++;
        try {
          apiDoor(parseJsonText(text, 'request'));
        } catch (e) {
          if (e instanceof ContractError && e.message.startsWith('invalid event: '))
            checkRejection(e, 'event', { text, scopes: [] }, false);
          else checkRejection(e, 'request', { text, scopes: [] }, false);
        }
      }),
      { numRuns: 1500 },
    );
    // The size limit, once: a document over 64 MiB is refused before it is parsed.
    counts.rawText++;
    expect(() => parseScenarioText(`{"pad":"${'x'.repeat(64 * 1024 * 1024)}"}`)).toThrow(/larger than/);
    expectPrototypesUntouched();
  });

  it('never echoes a value: personal data in a broken document does not reach the error (logs, dead-letter reasons, answers)', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const pii = fc.oneof(
      digits(17).map((d) => withCheckDigit(d)),
      digits(10).map((d) => `1${d}`),
      fc
        .array(fc.constantFrom('张', '王', '李', '赵', '刘', '伟', '芳', '娜', '秀', '英', '敏', '静'), { minLength: 2, maxLength: 3 })
        .map((c) => c.join('')),
    );
    const placed = fc
      .tuple(baseEvent, pii, fc.nat(), fc.constantFrom('leaf', 'unknownField', 'bareWord', 'truncated', 'numberField'))
      .map(([base, value, n, how]) => {
        const doc = clone(base) as Record<string, unknown>;
        if (how === 'bareWord') return { value, text: `${value} ${JSON.stringify(doc)}` };
        if (how === 'truncated') return { value, text: `{"realName":{"name":"${value}","idNumber":${value}` };
        if (how === 'unknownField') return { value, text: JSON.stringify({ ...doc, note: value }) };
        const leaves = nodePaths(doc).filter((p) => p.length > 0 && typeof at(doc, p) !== 'object');
        const p = leaves[n % leaves.length]!;
        setAt(doc, p, how === 'numberField' && typeof at(doc, p) === 'number' ? value : `${value}|`); // `|` keeps ids and names invalid
        return { value, text: JSON.stringify(doc) };
      });
    fc.assert(
      fc.property(placed, ({ value, text }) => {
        counts.events++;
        try {
          apiDoor(parseJsonText(text, 'request'));
        } catch (e) {
          expect(e).toBeInstanceOf(ContractError);
          const err = e as ContractError;
          expect(err.message, err.message).not.toContain(value);
          for (const i of err.issues) expect(`${i.path} ${i.message}`).not.toContain(value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('parseScenarioText (the scenario command’s door): only ContractErrors naming a path of the document', () => {
    let accepted = 0;
    fc.assert(
      fc.property(hostileScenario, (input) => {
        counts.scenarios++;
        try {
          parseScenarioText(input.text);
          accepted++;
        } catch (e) {
          checkRejection(e, 'scenario', input, false);
        }
      }),
      { numRuns: 2500 },
    );
    expectPrototypesUntouched();
    expect(accepted).toBeLessThan(counts.scenarios * 0.5);
  });

  it('runScenarioCommand on hostile files: exit 2 with the path on stderr, or 0 with an outcome — never 1, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medins-fuzz-'));
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    try {
      fc.assert(
        fc.property(hostileScenario, fc.nat(), (input, n) => {
          counts.command++;
          const file = join(dir, `s${n % 7}.json`);
          writeFileSync(file, input.text);
          const run = runScenarioCommand([file]);
          codes[run.code] = (codes[run.code] ?? 0) + 1;
          expect(run.code === 0 || run.code === 2, `exit ${run.code}: ${run.stderr}`).toBe(true);
          expect(looksLikeStackTrace(run.stderr + run.stdout.slice(0, 2000))).toBe(false);
          if (run.code === 2) {
            expect(run.stdout).toBe('');
            expect(run.stderr).toMatch(/^invalid scenario: \S/);
          } else {
            expect(run.stderr).toBe('');
            expect(JSON.parse(run.stdout)).toHaveProperty('results');
          }
        }),
        { numRuns: 300 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(codes[2]).toBeGreaterThan(0);
    expect(codes[0]).toBeGreaterThan(0); // hostile but valid documents (renamed ids, money at the maximum) were replayed
    expectPrototypesUntouched();
  });
});

// ---------------------------------------------------------------------------------------------

describe('doors on the embedded stack', () => {
  const OPS = 'arn:aws:iam::000000000000:role/fuzz-operations';
  const MEMBER = 'arn:aws:iam::000000000000:role/fuzz-member';
  let api: LocalApi;
  let before: TableSnapshot;
  const sent: string[] = [];

  beforeAll(async () => {
    // No workers: anything sent to a queue would stay there.
    api = await startLocalApi({ world: demoFromScenarioText(JSON.stringify(TWO_CITIES), 'two cities'), port: 0, workers: false });
    await registerPrincipals(api.embedded.store, [
      { id: OPS, role: 'operations' },
      { id: MEMBER, role: 'member', memberId: 'qz-1' },
    ]);
    before = await snapshotTables(api.embedded);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  const POST_ROUTES = ['/claims', '/quotes', '/reversals', '/enrollments', '/bindings'] as const;
  const ROUTE_TYPES: Record<string, readonly string[]> = {
    '/claims': ['claim'],
    '/quotes': ['quote'],
    '/reversals': ['reverseClaim'],
    '/enrollments': ['enroll'],
    '/bindings': ['bindFamily', 'unbindFamily', 'bindViewer'],
  };
  const encodeSegment = fc.oneof(
    hostileString.filter((s) => s.length < 5000).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
    fc.constantFrom(
      '%E0%A4%A',
      '%',
      '%zz',
      '%00',
      '%2F',
      '..',
      '%2e%2e',
      'qz-1',
      'f-c1',
      '__proto__',
      'constructor',
      'x'.repeat(3000),
      '%C0%AF',
      '%ED%A0%80',
    ),
  );
  const principalArb = fc.oneof(
    { weight: 6, arbitrary: fc.constant(OPS) },
    { weight: 1, arbitrary: fc.constant(MEMBER) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        'arn:aws:iam::000000000000:role/nobody',
        `${OPS} `,
        OPS.toUpperCase(),
        'x'.repeat(5000),
        '\u0000',
        '__proto__',
        'constructor',
      ),
    },
  );

  /** A request no door may act on: invalid, wrongly routed, unauthorized or oversized. */
  const hostileCall: fc.Arbitrary<{ call: Call; input: Mutated }> = fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(fc.constantFrom(...POST_ROUTES), hostileEvent, principalArb, fc.boolean())
        .map(([path, input, principal, b64]) => ({
          call: {
            method: 'POST',
            path,
            principal,
            body: b64 ? Buffer.from(input.text, 'utf8') : input.text,
            ...(b64 ? { headers: { 'content-type': 'application/octet-stream' } } : {}),
          },
          input,
        })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...POST_ROUTES), hostileText, principalArb).map(([path, text, principal]) => ({
        call: { method: 'POST', path, principal, body: text },
        input: { text, scopes: [] },
      })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom('/events/', '/members/'), encodeSegment, principalArb).map(([prefix, seg, principal]) => ({
        call: { method: 'GET', path: prefix === '/events/' ? `/events/${seg}` : `/members/${seg}/balances`, principal },
        input: { text: '', scopes: [] },
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST'),
          fc.constantFrom(
            '/__proto__',
            '/constructor',
            '/claims/',
            '/claims/x',
            'claims',
            '/',
            '/events',
            '/members/qz-1',
            '/toString',
            '//claims',
          ),
          principalArb,
        )
        .map(([method, path, principal]) => ({ call: { method, path, principal, body: '{}' }, input: { text: '{}', scopes: [] } })),
    },
    {
      // Hostile but valid quotes (ids like __proto__, money at the maximum): settled on a snapshot, nothing written.
      weight: 2,
      arbitrary: mutatedText(
        fc.constant(visit('quote', 'f-q2')),
        fc.array(mutationArb(['renameId', 'maxMoney', 'replace'], [3, 3, 1]), { minLength: 1, maxLength: 3 }),
      ).map((input) => ({ call: { method: 'POST', path: '/quotes', principal: OPS, body: input.text }, input })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...POST_ROUTES), fc.integer({ min: 1, max: 4096 })).map(([path, extra]) => ({
        call: { method: 'POST', path, principal: OPS, body: `{"pad":"${'x'.repeat(256 * 1024 + extra)}"}` },
        input: { text: '', scopes: [] },
      })),
    },
  );

  /** Would a door legitimately act on this? (A valid event of the route's type, from a caller allowed to send it.) */
  function actionable(call: Call): boolean {
    if (call.method !== 'POST' || !Object.hasOwn(ROUTE_TYPES, call.path) || (call.principal !== OPS && call.principal !== MEMBER))
      return false;
    try {
      const event = apiDoor(parseJsonText(Buffer.isBuffer(call.body) ? call.body.toString('utf8') : (call.body ?? ''), 'request'));
      // A valid quote is let through: it is settled on a snapshot and must write nothing.
      return event.type !== 'quote' && ROUTE_TYPES[call.path]!.includes(event.type) && Buffer.byteLength(call.body ?? '') <= 256 * 1024;
    } catch {
      return false;
    }
  }

  it('the HTTP route: 4xx problems naming the field, never a 5xx or a stack trace; nothing written or enqueued', async () => {
    const deps = { ...api.deps, queue: { send: async (_q: 'claims' | 'enrollments', body: string) => void sent.push(body) } };
    const statuses: Record<number, number> = {};
    let quoted = 0;
    await fc.assert(
      fc.asyncProperty(hostileCall, async ({ call, input }) => {
        fc.pre(!actionable(call));
        counts.http++;
        const event = eventFor(call);
        if (Buffer.isBuffer(call.body)) {
          event.body = call.body.toString('base64');
          event.isBase64Encoded = true;
        }
        const answer = answerOf(await api.http.route(event, deps)); // a throw here is an unhandled error
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        expect(looksLikeStackTrace(answer.text), answer.text.slice(0, 500)).toBe(false);
        if (call.method === 'GET' && answer.status === 200) return; // a read of something that exists
        if (call.path === '/quotes' && answer.status === 200) {
          quoted++; // a valid (if hostile) quote, settled on a snapshot
          expect(answer.json).toMatchObject({ type: 'quote' });
          expect(['quoted', 'rejected']).toContain(answer.json.status);
          return;
        }
        expect(
          [400, 401, 403, 404, 409, 413],
          `${call.method} ${call.path.slice(0, 80)} → ${answer.status} ${answer.text.slice(0, 300)}`,
        ).toContain(answer.status);
        const error = answer.json.error;
        expect(error?.code).toMatch(/^[A-Z_]+$/);
        expect(error?.message.length).toBeGreaterThan(0);
        if (error?.issues?.length) expect(error.message).toContain(error.issues[0]!.path);
        if (answer.status === 400 && error?.code === 'INVALID_REQUEST' && call.method === 'POST' && input.text) {
          // The body's fault: named as the contract names it (a path of the body, or the document).
          expect(error.message).toMatch(/^invalid (request|event): /);
        }
      }),
      { numRuns: 2000 },
    );
    expect(sent).toEqual([]);
    // No quote without a provider presenting the patient's e-voucher: these callers present none.
    expect(quoted).toBe(0);
    expect(statuses[401]).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
    expect(statuses[403]).toBeGreaterThan(0);
    expect(statuses[413]).toBeGreaterThan(0);
    expect(await queueDepths(api.embedded)).toEqual({ claims: 0, enrollments: 0, 'claims-dlq': 0, 'enrollments-dlq': 0 });
    expect(await snapshotTables(api.embedded)).toEqual(before);
    expectPrototypesUntouched();
  });

  it('the queue consumer: invalid messages are parked in the dead-letter queue with a reason, never started; nothing written', async () => {
    const { createConsumer } = await import('@medins/functions/ingest/queue-consumer');
    const started: string[] = [];
    const starter = {
      async run(_name: string, input: unknown, executionName: string) {
        started.push(executionName);
        return { status: 'SUCCEEDED' as const, output: input };
      },
    };
    const dlq = api.embedded.queueUrls['claims-dlq'];
    const consumer = createConsumer({
      starter: starter as never,
      deadLetterQueueUrl: dlq,
      sqs: api.embedded.stack.sqs,
      telemetry: api.embedded.telemetry,
    });
    // SQS itself refuses bodies with characters outside its set or over 256 KiB: such a message never reaches a consumer.
    // (fauxqs also refuses characters beyond U+FFFF, which SQS accepts: kept out, they could not arrive locally.)
    const sqsSafe = (t: string) => t.length > 0 && Buffer.byteLength(t) < 200 * 1024 && !/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/u.test(t);
    const body = fc.oneof({ weight: 4, arbitrary: hostileEvent.map((m) => m.text) }, { weight: 1, arbitrary: hostileText }).filter(sqsSafe);
    let parked = 0;
    let valid = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 10 }), async (bodies) => {
        const validIds: string[] = [];
        for (const b of bodies) {
          try {
            validIds.push(parseEvent(parseJsonText(b, 'message')).id);
          } catch {
            /* invalid: must be parked */
          }
        }
        const event: SQSEvent = {
          Records: bodies.map((b) => ({
            messageId: `m-${++n}`,
            receiptHandle: `r-${n}`,
            body: b,
            attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'fuzz', ApproximateFirstReceiveTimestamp: '0' },
            messageAttributes: {},
            md5OfBody: '',
            eventSource: 'aws:sqs',
            eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:claims',
            awsRegion: 'us-east-1',
          })),
        };
        const startedBefore = started.length;
        const response = await consumer(event);
        counts.consumer += bodies.length;
        expect(response.batchItemFailures).toEqual([]); // parked, not retried
        expect(started.slice(startedBefore).sort()).toEqual([...validIds].sort()); // only valid events start a workflow
        parked += bodies.length - validIds.length;
        valid += validIds.length;
      }),
      { numRuns: 300 },
    );
    expect(parked).toBeGreaterThan(valid);

    // Every parked message is in the dead-letter queue, with the reason that names the field or the document.
    const reasons: string[] = [];
    for (let empty = 0; reasons.length < parked && empty < 3; ) {
      const out = await api.embedded.stack.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlq,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
          WaitTimeSeconds: 0,
          VisibilityTimeout: 60,
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) empty++;
      for (const m of messages) reasons.push(m.MessageAttributes?.reason?.StringValue ?? '');
    }
    expect(reasons.length).toBe(parked);
    for (const r of reasons) {
      expect(r).toMatch(/^invalid (message|event): \S/);
      expect(looksLikeStackTrace(r)).toBe(false);
    }
    await api.embedded.stack.sqs.send(new PurgeQueueCommand({ QueueUrl: dlq }));

    expect(await queueDepths(api.embedded)).toMatchObject({ claims: 0, enrollments: 0, 'enrollments-dlq': 0 });
    expect(await snapshotTables(api.embedded)).toEqual(before);
    expectPrototypesUntouched();
  });

  it('hostile but valid events (ids like __proto__, money at the maximum, odd text) settle or are rejected through the real queue and workflow, never fail', async () => {
    const FIXED_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a/b', '%2F..', '张三'];
    const valid = hostileEvent
      .map((m) => {
        try {
          return { text: m.text, event: parseEvent(parseJsonText(m.text, 'message')) };
        } catch {
          return null;
        }
      })
      .filter((x): x is NonNullable<typeof x> => x !== null && x.event.type !== 'renewalCampaign');
    const samples = fc.sample(valid, { numRuns: 120 });
    api.embedded.startWorkers();
    try {
      const docs = samples.map(({ text }, i) => {
        const doc = JSON.parse(text) as Record<string, unknown>;
        doc.id = i < FIXED_IDS.length ? FIXED_IDS[i] : `h${i}-${String(doc.id)}`.slice(0, 128);
        return doc;
      });
      const outcomes = await Promise.all(
        docs.map(async (doc) => {
          const settled = api.embedded.settlements.expect(String(doc.id));
          await api.embedded.send(
            doc.type === 'claim' || doc.type === 'quote' || doc.type === 'reverseClaim' ? 'claims' : 'enrollments',
            JSON.stringify(doc),
          );
          return settled;
        }),
      );
      counts.consumer += docs.length;
      expect(outcomes.filter((o) => o !== 'finished')).toEqual([]);
      expect(await queueDepths(api.embedded)).toEqual({ claims: 0, enrollments: 0, 'claims-dlq': 0, 'enrollments-dlq': 0 });
      const deps = { ...api.deps, queue: { send: async () => undefined } };
      for (const doc of docs.filter((d) => d.type !== 'quote')) {
        const read = answerOf(
          await api.http.route(eventFor({ method: 'GET', path: `/events/${encodeURIComponent(String(doc.id))}`, principal: OPS }), deps),
        );
        expect(read.status, `${String(doc.id)}: ${read.text.slice(0, 300)}`).toBe(200);
        expect(['settled', 'rejected', 'enrolled', 'bound', 'unbound', 'reversed']).toContain(read.json.status);
      }
    } finally {
      await api.embedded.stopWorkers();
    }
    expectPrototypesUntouched();
  }, 90_000);
});

describe('in all', () => {
  it('drove at least 10,000 hostile inputs through the doors, and Object.prototype is as it was', () => {
    expectPrototypesUntouched();
    expect(total(), JSON.stringify(counts)).toBeGreaterThanOrEqual(10_000);
  });
});
