/**
 * functions → api: a submission's body as the API takes it. The request schemas are
 * the contract's event schemas without the fields the server sets (derived with
 * `.omit`, never a copy): `at` (the server's clock), `cardHolderId` (the patient's
 * verified credential), `faceVerified` (a verifier's signed statement). A body that
 * carries one of them is refused with 400 naming it — silently ignoring it would
 * let an integrator believe a backdated `at` counted. The API then adds those
 * fields and validates the whole event with the contract's own schema.
 */
import {
  BindFamilyEventSchema,
  BindViewerEventSchema,
  ClaimEventSchema,
  type ContractIssue,
  contractErrorOf,
  EnrollEventSchema,
  QuoteEventSchema,
  ReverseClaimEventSchema,
  ReviewDecisionEventSchema,
  UnbindFamilyEventSchema,
} from '@medins/contract';
import type { DomainEvent } from '@medins/engine';
import { MAX_KEY_LENGTH } from './idempotency.ts';

type SubmittedType = Exclude<DomainEvent['type'], 'renewalCampaign'>;

/** Fields the server sets, by event type: a body must not carry them. */
export const SERVER_FIELDS: Readonly<Record<SubmittedType, readonly string[]>> = {
  claim: ['at', 'cardHolderId'],
  quote: ['at', 'cardHolderId'],
  reverseClaim: ['at'],
  reviewDecision: ['at'],
  enroll: ['at'],
  bindFamily: ['at'],
  unbindFamily: ['at'],
  bindViewer: ['at', 'faceVerified'],
};

const WHY: Readonly<Record<string, string>> = {
  at: 'is set by the API: the time it received the request (the server’s clock, Asia/Shanghai); leave it out',
  cardHolderId: 'is set by the API from the patient’s credential (header x-medins-credential); leave it out',
  faceVerified: 'is set by the API from a face verifier’s signed statement (header x-medins-face-verification); leave it out',
};

/** The request schema of each type: the contract's event schema without the server's fields. */
export const REQUEST_SCHEMAS = {
  claim: ClaimEventSchema.omit({ at: true, cardHolderId: true }),
  quote: QuoteEventSchema.omit({ at: true, cardHolderId: true }),
  reverseClaim: ReverseClaimEventSchema.omit({ at: true }),
  reviewDecision: ReviewDecisionEventSchema.omit({ at: true }),
  enroll: EnrollEventSchema.omit({ at: true }),
  bindFamily: BindFamilyEventSchema.omit({ at: true }),
  unbindFamily: UnbindFamilyEventSchema.omit({ at: true }),
  bindViewer: BindViewerEventSchema.omit({ at: true, faceVerified: true }),
} as const;

/** A body that passed its request schema. */
export type RequestBody = Record<string, unknown> & { readonly type: SubmittedType; readonly id: string };

export type RequestCheck = { readonly body: RequestBody } | { readonly refused: ContractIssue[]; readonly message: string };

const refuse = (issues: ContractIssue[]): RequestCheck => ({
  refused: issues,
  message: `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
});

/**
 * Checks a parsed JSON body against the request schema of one of `types`: the
 * server's fields refused by name, the key's length, then the schema.
 */
export function checkRequest(json: unknown, types: readonly string[]): RequestCheck {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return refuse([{ path: '(document)', message: 'must be a JSON object' }]);
  const doc = json as Record<string, unknown>;
  const type = doc.type;
  if (typeof type !== 'string' || !types.includes(type)) return refuse([{ path: 'type', message: `must be one of ${types.join(', ')}` }]);
  const serverSet = SERVER_FIELDS[type as SubmittedType].filter((f) => Object.hasOwn(doc, f));
  if (serverSet.length > 0) return refuse(serverSet.map((f) => ({ path: f, message: WHY[f] ?? 'is set by the API' })));
  if (typeof doc.id === 'string' && doc.id.length > MAX_KEY_LENGTH) {
    return refuse([{ path: 'id', message: `must be at most ${MAX_KEY_LENGTH} characters (the API scopes it to the caller)` }]);
  }
  const parsed = REQUEST_SCHEMAS[type as SubmittedType].safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const error = contractErrorOf(parsed.error, 'request');
    return { refused: [...error.issues], message: error.message };
  }
  // The body as sent (defaults are the contract's to apply once the full event is parsed).
  return { body: doc as RequestBody };
}

/** The receive time as the contract writes instants: Asia/Shanghai (UTC+8, no daylight saving), to the millisecond. */
export function receiveInstant(nowMs: number): string {
  return `${new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
}

/** A visit's service date after the receive date in Asia/Shanghai is refused: it cannot lie in the future. */
export function futureServiceDate(serviceDate: unknown, nowMs: number): ContractIssue | null {
  const today = receiveInstant(nowMs).slice(0, 10);
  return typeof serviceDate === 'string' && serviceDate > today
    ? { path: 'serviceDate', message: `must not be after the day the API received the claim (${today}, Asia/Shanghai)` }
    : null;
}
