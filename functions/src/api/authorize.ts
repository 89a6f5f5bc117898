/**
 * What each role may see and change. Pure: given the principal and the facts of
 * the request (whose members, which provider, which region), allow or refuse.
 * A refusal happens before anything is written or enqueued.
 */
import type { Principal } from './principals.ts';

/** The facts a decision needs about the subject of a request. */
export interface Subject {
  /** Members the request reads or acts for (patient, payer, insured, holder, owner). */
  readonly memberIds: readonly string[];
  /** Home regions of those members (city codes). */
  readonly regions: readonly string[];
  readonly providerId?: string;
  /** For a member's own actions: the member who must be the caller (payer, holder, owner). */
  readonly actingMemberId?: string;
}

export type Action = 'submitClaim' | 'quote' | 'reverseClaim' | 'enroll' | 'bind' | 'readEvent' | 'readBalances';

const inRegion = (regions: readonly string[], region: string) =>
  regions.some((r) => r === region || (r.endsWith('0000') && r.slice(0, 2) === region.slice(0, 2)));

export function authorize(principal: Principal | null, action: Action, subject: Subject): boolean {
  if (!principal) return false;
  switch (principal.role) {
    case 'operations':
      return true;
    case 'insurer':
      // An insurer's intake works for the members of its regions, and only those.
      return subject.regions.length > 0 && subject.regions.every((r) => inRegion(principal.regions, r));
    case 'provider':
      if (action === 'submitClaim' || action === 'quote' || action === 'reverseClaim' || action === 'readEvent') {
        return subject.providerId !== undefined && principal.providerIds.includes(subject.providerId);
      }
      return false;
    case 'member':
      if (action === 'readBalances' || action === 'readEvent') return subject.memberIds.includes(principal.memberId);
      if (action === 'enroll' || action === 'bind') return subject.actingMemberId === principal.memberId;
      return false;
  }
}
