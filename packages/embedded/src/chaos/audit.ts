/**
 * What a chaos run left, counted from the tables and the ledger only: events
 * applied twice, events lost, family aid that took a holder below the reserve,
 * balances below zero, notifications never published or repeated under another id.
 */

import type { Account } from '@medins/engine';
import type { EventItem, LedgerItem } from '@medins/store';

export interface Audit {
  readonly doubleApplied: number;
  readonly lost: number;
  readonly reserveBreaches: number;
  readonly negativeBalances: number;
  /** Notifications recorded by a commit (on its outcome item) that were never published. */
  readonly notificationsLost: number;
  /** Publishes beyond the first of each id (the SMS provider drops them by id). */
  readonly notificationsRepeated: number;
  /** Messages published under an id no commit recorded: a repeat the provider could not recognise. */
  readonly notificationsUnderNewId: number;
  /** Claims paid by more than one event (the claim itself, or two decisions on it). */
  readonly doublePaid: number;
  /** Claims still held: no decision settled or rejected them. */
  readonly stillHeld: number;
  /** Claims still held with no open review task: nobody would ever decide them. */
  readonly heldWithoutOpenReview: number;
}

type Doc = { id: string; type: string; memberId?: string; claimId?: string };
type Member = { id: string; region: string };
type Region = { code: string; familyAid?: { reserveFen: number } | null };

export function audit(input: {
  readonly events: readonly Doc[];
  readonly members: readonly Member[];
  readonly regions: readonly Region[];
  readonly items: readonly EventItem[];
  readonly ledger: readonly LedgerItem[];
  readonly balances: Readonly<Record<string, Account>>;
  /** The ids of the messages the notifier published, in order, repeats included. */
  readonly published: readonly string[];
  /** The claims whose review task is open (read from the review tasks). */
  readonly openReviews: ReadonlySet<string>;
}): Audit {
  // Applied twice: one event's ledger entries written by more than one commit.
  const commitsOf = new Map<string, Set<string>>();
  for (const e of input.ledger) {
    const commit = e.entryId.split('|')[0]!;
    const set = commitsOf.get(e.eventId) ?? new Set();
    set.add(commit);
    commitsOf.set(e.eventId, set);
  }
  const doubleApplied = [...commitsOf.values()].filter((s) => s.size > 1).length;

  const applied = new Set(input.items.map((i) => i.eventId));
  const lost = new Set(input.events.filter((e) => !applied.has(e.id)).map((e) => e.id)).size;

  const regionOf = new Map(input.members.map((m) => [m.id, m.region]));
  const reserveOf = new Map(input.regions.map((r) => [r.code, r.familyAid?.reserveFen ?? 0]));
  const patientOf = new Map(input.events.filter((e) => e.type === 'claim').map((e) => [e.id, e.memberId]));
  let reserveBreaches = 0;
  for (const e of input.ledger) {
    const patient = patientOf.get(e.eventId);
    const debit = e.currentFen + e.historicalFen < 0;
    if (!debit || patient === undefined || patient === e.memberId) continue; // not family aid
    if (e.balanceAfterFen < (reserveOf.get(regionOf.get(e.memberId) ?? '') ?? 0)) reserveBreaches++;
  }
  const negativeBalances =
    input.ledger.filter((e) => e.balanceAfterFen < 0).length +
    Object.values(input.balances).filter((a) => a.currentFen < 0 || a.historicalFen < 0).length;
  // Notifications: what the commits recorded against what went out. Each message has one id, its first.
  const owed = new Set(input.items.flatMap((i) => (i.notifications ?? []).map((n) => n.notificationId)));
  const published = new Set(input.published);
  const notificationsLost = [...owed].filter((id) => !published.has(id)).length;
  const notificationsRepeated = input.published.length - published.size;
  const notificationsUnderNewId = [...published].filter((id) => !owed.has(id)).length;
  // Paid twice: a claim settled, or its money moved, by more than one event (its own settlement, its decisions).
  const claimOf = new Map(input.events.filter((e) => e.type === 'reviewDecision').map((e) => [e.id, e.claimId!]));
  const payersOf = new Map<string, Set<string>>();
  for (const e of input.ledger) {
    const claim = patientOf.has(e.eventId) ? e.eventId : claimOf.get(e.eventId);
    if (claim === undefined) continue;
    payersOf.set(claim, (payersOf.get(claim) ?? new Set()).add(e.eventId));
  }
  for (const i of input.items) {
    if (i.status !== 'settled' || (i.type !== 'claim' && i.type !== 'reviewDecision')) continue;
    const claim = i.type === 'claim' ? i.eventId : (JSON.parse(i.event ?? '{}') as { claimId?: string }).claimId;
    if (claim !== undefined) payersOf.set(claim, (payersOf.get(claim) ?? new Set()).add(i.eventId));
  }
  const doublePaid = [...payersOf.values()].filter((s) => s.size > 1).length;
  const stillHeld = input.items.filter((i) => i.type === 'claim' && i.status === 'held' && i.decidedBy === undefined).map((i) => i.eventId);
  return {
    doubleApplied,
    doublePaid,
    stillHeld: stillHeld.length,
    heldWithoutOpenReview: stillHeld.filter((id) => !input.openReviews.has(id)).length,
    lost,
    reserveBreaches,
    negativeBalances,
    notificationsLost,
    notificationsRepeated,
    notificationsUnderNewId,
  };
}
