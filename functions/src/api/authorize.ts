/**
 * functions → api: what each role may do — ONE table, role → actions, and each
 * role's scope (whose members, which provider, which region). Pure: given the
 * principal and the facts of the request, allow or refuse. A refusal happens
 * before anything is written or enqueued. The README's role table is this one.
 *
 * | role       | actions                                              | scope                                             |
 * |------------|------------------------------------------------------|---------------------------------------------------|
 * | provider   | submitClaim, quote, reverseClaim, readEvent, readClaim | its own provider ids (the visit's `providerId`)   |
 * | member     | enroll, bindFamily, unbindFamily, bindViewer, readEvent, readBalances, readAccumulators, readPolicies | themself (payer and insured, holder, either party of their own binding, owner; their own events, balances, accumulators, policies) |
 * | insurer    | readEvent, readBalances, readAccumulators, readPolicies, readClaim | members of its regions (a province covers its cities) |
 * | operations | readEvent, readBalances, readAccumulators, readPolicies, readClaim | everything (campaigns and redrives run outside this API) |
 * | reviewer   | reviewDecision, readEvent, readClaim                 | held claims of members of its regions (a province covers its cities) |
 */
import type { Principal } from './principals.ts';

/** The facts a decision needs about the subject of a request. */
export interface Subject {
  /** Members the request reads or acts for (patient, payer, insured, holder, owner). */
  readonly memberIds: readonly string[];
  /** Home regions of those members (city codes). */
  readonly regions: readonly string[];
  readonly providerId?: string;
  /** The members who must be the caller for a member's own action (one of them): payer and insured, holder or bound member, owner. */
  readonly actingMemberIds?: readonly string[];
  /** For an enrollment: every party must be the caller (a member enrolls themself, paying themself). */
  readonly allPartiesActing?: boolean;
}

export const ACTIONS = [
  'submitClaim',
  'quote',
  'reverseClaim',
  'enroll',
  'bindFamily',
  'unbindFamily',
  'bindViewer',
  'readEvent',
  'readBalances',
  'readAccumulators',
  'readPolicies',
  'readClaim',
  'reviewDecision',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Role = Principal['role'];

/** THE role table: what each role may do at all (its scope is checked after). */
export const ROLE_ACTIONS = {
  provider: ['submitClaim', 'quote', 'reverseClaim', 'readEvent', 'readClaim'],
  member: ['enroll', 'bindFamily', 'unbindFamily', 'bindViewer', 'readEvent', 'readBalances', 'readAccumulators', 'readPolicies'],
  insurer: ['readEvent', 'readBalances', 'readAccumulators', 'readPolicies', 'readClaim'],
  operations: ['readEvent', 'readBalances', 'readAccumulators', 'readPolicies', 'readClaim'],
  // A decision on a held claim (approve, without lines, reject); it moves money only through the engine's settlement.
  reviewer: ['reviewDecision', 'readEvent', 'readClaim'],
} as const satisfies Record<Role, readonly Action[]>;

const inRegion = (regions: readonly string[], region: string) =>
  regions.some((r) => r === region || (r.endsWith('0000') && r.slice(0, 2) === region.slice(0, 2)));

/** Whether the request is within the principal's scope (the role already may do the action). */
function inScope(principal: Principal, subject: Subject): boolean {
  switch (principal.role) {
    case 'operations':
      return true;
    case 'insurer':
    case 'reviewer':
      return subject.regions.length > 0 && subject.regions.every((r) => inRegion(principal.regions, r));
    case 'provider':
      return subject.providerId !== undefined && principal.providerIds.includes(subject.providerId);
    case 'member': {
      const acting = subject.actingMemberIds;
      if (acting === undefined) return subject.memberIds.includes(principal.memberId);
      if (acting.length === 0) return false;
      return subject.allPartiesActing ? acting.every((m) => m === principal.memberId) : acting.includes(principal.memberId);
    }
  }
}

/**
 * Whether `principal` may do `action` on `subject`: the role table, then the role's scope.
 *
 * @example
 * ```ts
 * authorize({ id: 'arn:…', role: 'insurer', regions: ['330000'] }, 'submitClaim', subject); // false: insurers move no money
 * ```
 */
export function authorize(principal: Principal | null, action: Action, subject: Subject): boolean {
  if (!principal) return false;
  if (!(ROLE_ACTIONS[principal.role] as readonly Action[]).includes(action)) return false;
  return inScope(principal, subject);
}
