/**
 * engine → state: the one implementation of every state change. A decision's
 * changes are applied to items (items.ts) here and nowhere else: the memory state
 * applies them to all of its items, the DynamoDB commit to a copy of the items the
 * event read, and turns what this reports as changed into one transaction. The
 * invariants the storage conditions also enforce are asserted on every change: no
 * balance below zero or below the holder's reserve, no counter below zero, a claim
 * recorded once and reversed once, a visit held by one claim at a time (a claim
 * holds its visit when recorded, its reversal frees it), a member in at most one
 * group, one policy per insured and product, a claim held once and decided once
 * (its visit held meanwhile), a settled inpatient stay recorded once and freed by
 * its reversal.
 */
import { dict, own } from '../core/dict.ts';
import { InvariantError } from '../core/errors.ts';
import type { EventId, MemberId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { LocalDate } from '../core/time.ts';
import type { FamilyBinding, Policy } from '../world/people.ts';
import type { Change, MovePurpose } from './changes.ts';
import { accumulatorsKey, emptyMemberState, type MemberState, type StateItems, stayKey, viewerKey, visitKey } from './items.ts';
import type { ClaimRecord, VisitRef } from './view.ts';

/** One movement on a personal account, for the ledger. */
export interface LedgerEntry {
  readonly memberId: MemberId;
  /** Deltas: negative debits, positive credits. */
  readonly currentFen: Fen;
  readonly historicalFen: Fen;
  readonly purpose: MovePurpose;
  /** Current plus historical balance after the movement. */
  readonly balanceAfterFen: Fen;
}

/** What applying a decision changed: the keys of the items replaced, and what else a commit must write. */
export interface Applied {
  readonly states: Set<MemberId>;
  readonly accumulators: Set<string>;
  /** Claims recorded by this decision. */
  readonly recorded: Set<EventId>;
  /** Claims reversed by this decision: claim id → reversal id. */
  readonly reversed: Map<EventId, EventId>;
  /** Viewer bindings added (`ownerId|memberId`). */
  readonly viewers: Set<string>;
  /** Visits taken or freed (`providerId|visitId`). */
  readonly visits: Set<string>;
  /** Claims held for review or decided by this decision. */
  readonly held: Set<EventId>;
  /** Inpatient stays changed (`memberId|providerId`). */
  readonly stays: Set<string>;
  /** Policies created, in order. */
  readonly policies: Policy[];
  readonly ledger: LedgerEntry[];
}

const emptyApplied = (): Applied => ({
  states: new Set(),
  accumulators: new Set(),
  recorded: new Set(),
  reversed: new Map(),
  viewers: new Set(),
  visits: new Set(),
  held: new Set(),
  stays: new Set(),
  policies: [],
  ledger: [],
});

/**
 * Applies a decision's changes to `items`, in order, replacing (never mutating)
 * the items they touch. A member state not in `items` starts empty; an account
 * change on a member with no account, or anything that breaks an invariant,
 * throws InvariantError: the decision was not made on these items.
 *
 * @example
 * ```ts
 * const items = copyItems(snapshot);
 * const applied = applyChanges(items, decision.changes);
 * for (const id of applied.states) write(items.states[id]);
 * ```
 */
export function applyChanges(items: StateItems, changes: readonly Change[]): Applied {
  const applied = emptyApplied();
  for (const change of changes) applyOne(items, change, applied);
  return applied;
}

function stateOf(items: StateItems, id: MemberId): MemberState {
  return own(items.states, id) ?? emptyMemberState(id);
}

function setState(items: StateItems, applied: Applied, next: MemberState): void {
  items.states[next.memberId] = next;
  applied.states.add(next.memberId);
}

function applyOne(items: StateItems, change: Change, applied: Applied): void {
  switch (change.kind) {
    case 'account':
      moveMoney(items, change, applied);
      return;
    case 'accumulators': {
      const key = accumulatorsKey(change.memberId, change.year);
      const before = own(items.accumulators, key);
      const next = before ? Object.assign(dict<Fen>(), before) : dict<Fen>();
      for (const name of Object.keys(change.deltas)) {
        const value = (own(next, name) ?? 0) + change.deltas[name]!;
        if (value < 0) throw new InvariantError(`accumulator ${name} would go negative`, { entity: `accumulators|${key}` });
        // Absent means zero: a reversal leaves no trace of a counter it brought back to zero.
        if (value === 0) delete next[name];
        else next[name] = value as Fen;
      }
      items.accumulators[key] = next;
      applied.accumulators.add(key);
      return;
    }
    case 'claimRecord': {
      const id = change.record.claimId;
      if (own(items.claims, id)) throw new InvariantError('a claim is recorded once', { entity: `claims|${id}` });
      if (change.record.visit) takeVisit(items, change.record.visit, id, applied);
      if (change.record.stay) {
        const key = stayKey(change.record.memberId, change.record.stay.providerId);
        items.stays[key] = Object.assign(dict<LocalDate>(), own(items.stays, key) ?? {}, { [id]: change.record.stay.serviceDate });
        applied.stays.add(key);
      }
      items.claims[id] = change.record;
      applied.recorded.add(id);
      return;
    }
    case 'claimReversed': {
      const record = own(items.claims, change.claimId);
      if (!record || record.reversedBy)
        throw new InvariantError('only a recorded claim is reversed, once', { entity: `claims|${change.claimId}` });
      // The reversal frees the visit for the corrected bill, and the stay no longer counts for re-admission.
      if (record.visit) freeVisit(items, record.visit, change.claimId, applied);
      if (record.stay) freeStay(items, record, applied);
      items.claims[change.claimId] = { ...record, reversedBy: change.reversalId };
      applied.reversed.set(change.claimId, change.reversalId);
      return;
    }
    case 'claimHeld': {
      const claim = change.held.claim;
      if (own(items.held, claim.id) || own(items.claims, claim.id))
        throw new InvariantError('a claim is held once, and never once settled', { entity: `held|${claim.id}` });
      if (claim.visitId !== null) takeVisit(items, { providerId: claim.providerId, visitId: claim.visitId }, claim.id, applied);
      items.held[claim.id] = change.held;
      applied.held.add(claim.id);
      return;
    }
    case 'reviewDecided': {
      const held = own(items.held, change.claimId);
      if (!held || held.decidedBy) throw new InvariantError('only a held claim is decided, once', { entity: `held|${change.claimId}` });
      const claim = held.claim;
      if (claim.visitId !== null) freeVisit(items, { providerId: claim.providerId, visitId: claim.visitId }, claim.id, applied);
      items.held[change.claimId] = { ...held, decidedBy: change.decisionId };
      applied.held.add(change.claimId);
      return;
    }
    case 'policy':
      addPolicy(items, change.policy, applied);
      return;
    case 'familyBind':
      bind(items, change.binding, applied);
      return;
    case 'familyUnbind': {
      const member = stateOf(items, change.memberId);
      if (member.binding?.holderId !== change.holderId) {
        throw new InvariantError(`member is not in this holder's group`, { entity: `states|${change.memberId}` });
      }
      setState(items, applied, { ...member, binding: null });
      const holder = stateOf(items, change.holderId);
      if (holder.groupSize < 1) throw new InvariantError('a group size would go negative', { entity: `states|${change.holderId}` });
      setState(items, applied, { ...holder, groupSize: holder.groupSize - 1 });
      return;
    }
    case 'viewerBind': {
      const key = viewerKey(change.ownerId, change.memberId);
      if (own(items.viewers, key)) throw new InvariantError('a viewer is bound once', { entity: `viewers|${key}` });
      items.viewers[key] = true;
      applied.viewers.add(key);
      return;
    }
  }
}

function takeVisit(items: StateItems, visit: VisitRef, claimId: EventId, applied: Applied): void {
  const key = visitKey(visit.providerId, visit.visitId);
  if (own(items.visits, key)) throw new InvariantError('a visit is held by one claim', { entity: `visits|${key}` });
  items.visits[key] = claimId;
  applied.visits.add(key);
}

/** Frees a visit; it must be the one this claim holds. */
function freeVisit(items: StateItems, visit: VisitRef, claimId: EventId, applied: Applied): void {
  const key = visitKey(visit.providerId, visit.visitId);
  if (own(items.visits, key) !== claimId)
    throw new InvariantError('a reversal or a decision frees the visit its claim holds', { entity: `visits|${key}` });
  items.visits[key] = null;
  applied.visits.add(key);
}

function freeStay(items: StateItems, record: ClaimRecord, applied: Applied): void {
  const key = stayKey(record.memberId, record.stay!.providerId);
  const stays = own(items.stays, key);
  if (!stays || own(stays, record.claimId) === undefined)
    throw new InvariantError('a reversal frees the stay its claim recorded', { entity: `stays|${key}` });
  const next = Object.assign(dict<LocalDate>(), stays);
  delete next[record.claimId];
  items.stays[key] = next;
  applied.stays.add(key);
}

function moveMoney(items: StateItems, change: Extract<Change, { kind: 'account' }>, applied: Applied): void {
  const state = stateOf(items, change.memberId);
  const entity = `states|${change.memberId}`;
  if (!state.account) throw new InvariantError('money moves only on a personal account', { entity });
  const account = {
    currentFen: (state.account.currentFen + change.currentFen) as Fen,
    historicalFen: (state.account.historicalFen + change.historicalFen) as Fen,
  };
  const total = (account.currentFen + account.historicalFen) as Fen;
  if (account.currentFen < 0 || account.historicalFen < 0) throw new InvariantError('an account would go negative', { entity });
  const debit = -(change.currentFen + change.historicalFen);
  if (debit > 0 && total < change.floorFen) throw new InvariantError('an account would go below its reserve', { entity });
  setState(items, applied, { ...state, account });
  applied.ledger.push({
    memberId: change.memberId,
    currentFen: change.currentFen,
    historicalFen: change.historicalFen,
    purpose: change.purpose,
    balanceAfterFen: total,
  });
}

function bind(items: StateItems, binding: FamilyBinding, applied: Applied): void {
  const member = stateOf(items, binding.memberId);
  if (member.binding) throw new InvariantError('a member takes part in one group', { entity: `states|${binding.memberId}` });
  setState(items, applied, { ...member, binding });
  const holder = stateOf(items, binding.holderId);
  setState(items, applied, { ...holder, groupSize: holder.groupSize + 1 });
}

function addPolicy(items: StateItems, policy: Policy, applied: Applied): void {
  const insured = stateOf(items, policy.insuredId);
  if (own(insured.policies, policy.productId)) {
    throw new InvariantError('one policy per insured and product', { entity: `states|${policy.insuredId}` });
  }
  const policies = Object.assign(dict<Policy>(), insured.policies);
  policies[policy.productId] = policy;
  setState(items, applied, { ...insured, policies });
  if (policy.payment === 'personalAccount' && policy.payerId !== policy.insuredId) {
    const payer = stateOf(items, policy.payerId);
    const relatives = Object.assign(dict<number>(), payer.relatives);
    relatives[policy.productId] = (own(relatives, policy.productId) ?? 0) + 1;
    setState(items, applied, { ...payer, relatives });
  }
  applied.policies.push(policy);
}
