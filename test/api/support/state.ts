/**
 * Test support (API and fuzz suites, embedded stack): what "left no trace" means,
 * measured — a full scan of every table the template defines (the idempotency
 * table included), and the depth of every queue — plus a small two-city world
 * where each role's boundary can be crossed, and a way to call the real handler
 * as API Gateway would.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ScenarioInput } from '@medins/contract';
import type { Embedded } from '@medins/embedded';
import { withCheckDigit } from '@medins/engine';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { expect } from 'vitest';
import { matchRoute, toApiGatewayEvent } from '../../../packages/cli/src/api/gateway.ts';

/** Every item of every table, each as canonical JSON, sorted: equal snapshots mean nothing changed. */
export type TableSnapshot = Record<string, string[]>;

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Set)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v instanceof Set
        ? [...(v as Set<unknown>)].map(String).sort()
        : v instanceof Uint8Array
          ? Buffer.from(v).toString('base64')
          : v,
  );

export async function snapshotTables(embedded: Embedded): Promise<TableSnapshot> {
  const out: TableSnapshot = {};
  for (const [logicalId, table] of Object.entries(embedded.stack.tableNames)) {
    const items: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await embedded.stack.documentClient.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      for (const item of page.Items ?? []) items.push(canonical(item));
      start = page.LastEvaluatedKey;
    } while (start);
    out[logicalId] = items.sort();
  }
  return out;
}

/** Messages waiting, in flight or delayed, per queue of the template (dead-letter queues included). */
export async function queueDepths(embedded: Embedded): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [role, url] of Object.entries(embedded.queueUrls)) {
    const a =
      (
        await embedded.stack.sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
          }),
        )
      ).Attributes ?? {};
    out[role] =
      Number(a.ApproximateNumberOfMessages ?? 0) +
      Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
  }
  return out;
}

export interface Call {
  readonly method: string;
  /** Path and query as sent (percent-encoded). */
  readonly path: string;
  readonly body?: string | Buffer;
  readonly principal?: string;
  /** A member as API Gateway's JWT authorizer verified them (member routes), instead of an IAM principal. */
  readonly member?: string;
  readonly headers?: Record<string, string>;
}

/** The API Gateway event for a call, whether or not a route matches (then routeKey is `$default`). */
export function eventFor(call: Call): APIGatewayProxyEventV2WithIAMAuthorizer {
  const rawPath = call.path.split('?')[0]!;
  const route = matchRoute(call.method, rawPath) ?? { routeKey: '$default' };
  const body = call.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body, 'utf8');
  return toApiGatewayEvent(
    { method: call.method, url: call.path, headers: { 'content-type': 'application/json', ...call.headers }, body },
    route,
    call.member !== undefined ? { jwtClaims: { sub: call.member } } : (call.principal ?? ''),
  );
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly json: { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } & Record<string, unknown>;
}

export const answerOf = (r: APIGatewayProxyStructuredResultV2): Answer => {
  const text = r.body ?? '';
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = {};
  }
  return { status: r.statusCode ?? 200, text, json };
};

/** A stack trace or a source location in an answer would leak internals. */
/** Polls an event's route until the workflow has recorded it: 200 with the outcome; 202 while queued; anything else fails. */
export async function outcome(read: () => Promise<Answer>, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await read();
    if (a.status === 200) return a.json;
    expect(a.status, a.text).toBe(202);
    if (Date.now() > deadline) throw new Error(`no outcome: ${a.status} ${a.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const looksLikeStackTrace = (text: string) => /\n\s+at\s|\bat .*\.(ts|js|mjs):\d+|node_modules|\/work\//.test(text);

// ---------------------------------------------------------------------------------------------
// A two-city world: 衢州 (浙江) and 上饶 (江西), each with its basic plan, its 惠民保 product, a
// hospital, and employees with accounts.

export const YEAR = 2024;
export const QZ = '330800';
export const SR = '361100';

const person = (id: string, region: string, name: string, idFirst17: string, phone: string) => ({
  id,
  name,
  idNumber: withCheckDigit(idFirst17),
  phone,
  scheme: 'employee' as const,
  region,
  status: 'active' as const,
  personalAccount: { currentFen: 200_000, historicalFen: 500_000 },
});

export const PEOPLE = {
  qz1: person('qz-1', QZ, '张三', '33080219800101001', '13800000001'),
  qz2: person('qz-2', QZ, '李四', '33080219820202002', '13800000002'),
  sr1: person('sr-1', SR, '王五', '36110219790303003', '13800000003'),
};

const basicPlan = (tag: string, region: string) => ({
  tier: 'basic' as const,
  id: `${tag}-employee-${YEAR}`,
  scheme: 'employee' as const,
  region,
  year: YEAR,
  annualCapFen: 30_000_000,
  benefits: {
    inpatient: { deductibleFen: { '3': 90_000 }, deductiblePer: 'visit' as const, ratio: { '3': 0.8 } },
    outpatient: { deductibleFen: { '3': 0 }, deductiblePer: 'year' as const, ratio: { '3': 0.6 } },
  },
});

const product = (id: string, region: string) => ({
  tier: 'supplementary' as const,
  id,
  region,
  regionScope: 'city' as const,
  year: YEAR,
  premiumFen: 10_000,
  coverage: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
  enrollment: {
    opensAt: `${YEAR - 1}-11-01T00:00:00+08:00`,
    closesAt: `${YEAR}-12-31T23:59:59.999+08:00`,
    accountPayment: { balance: 'historical' as const, relationships: ['self' as const, 'spouse' as const], maxRelatives: 5 },
  },
  responsibilities: [
    {
      id: 'R1',
      kind: 'inPolicyAboveCriticalThreshold' as const,
      visitTypes: ['inpatient' as const],
      deductibleFen: 0,
      ratio: 0.5,
      capFen: 50_000_000,
    },
  ],
});

const familyAid = { relationships: ['spouse' as const, 'parent' as const, 'child' as const], reserveFen: 0, sameCity: false };

export const TWO_CITIES: ScenarioInput = {
  version: 1,
  regions: [
    { code: QZ, province: '330000', name: '衢州市', familyAid },
    { code: SR, province: '360000', name: '上饶市', familyAid },
  ],
  plans: [basicPlan('qz', QZ), basicPlan('sr', SR), product('huiqubao-2024', QZ), product('shangraobao-2024', SR)],
  providers: [
    { id: 'H-QZ-3', region: QZ, type: 'hospital', level: 3, designated: true },
    { id: 'H-SR-3', region: SR, type: 'hospital', level: 3, designated: true },
  ],
  members: [PEOPLE.qz1, PEOPLE.qz2, PEOPLE.sr1],
  events: [],
};

/** The server's clock of the API suites: 1 April of the world's year (the enrollment window is open, March's visits are past). */
export const API_NOW = Date.parse(`${YEAR}-04-01T10:00:00+08:00`);

/** A claim as a provider sends it to the API: an inpatient stay at `providerId` (no `at`, no `cardHolderId`: the server and the e-voucher set them). */
export function claim(id: string, memberId: string, providerId: string, type: 'claim' | 'quote' = 'claim'): Record<string, unknown> {
  return {
    type,
    id,
    memberId,
    providerId,
    visitType: 'inpatient',
    serviceDate: `${YEAR}-03-02`,
    lines: [
      { code: 'A-0001', category: 'A', amountFen: 400_000 },
      { code: 'B-0001', category: 'B', amountFen: 100_000, selfPayRatio: 0.1 },
    ],
  };
}

/** An enrollment as a member sends it: of `insured` paid by `payer` from the personal account, with the payer's real-name data (no `at`). */
export function enrollment(
  id: string,
  productId: string,
  payer: (typeof PEOPLE)[keyof typeof PEOPLE],
  insuredId: string,
  relationship = 'self',
): Record<string, unknown> {
  return {
    type: 'enroll',
    id,
    productId,
    payerId: payer.id,
    insuredId,
    relationship,
    payment: 'personalAccount',
    realName: { name: payer.name, idNumber: payer.idNumber, phone: payer.phone },
  };
}
