/**
 * insurer → run: what every view of this package reads — the world a run started
 * from, its events in serial order, one result per event and the final balances —
 * and the joins an analyst would otherwise do by hand (a result to its event, a
 * claim to the reversal that undid it).
 */
import { parseScenario } from '@medins/contract';
import type { Account, DomainEvent, EventResult, LocalDate, Member, Outcome, World } from '@medins/engine';
import { ageOn } from '@medins/engine';

/** A run as the insurer reads it: scenario.json (world, events) and outcome.json (results, balances). */
export interface InsurerRun {
  readonly world: World;
  readonly events: readonly DomainEvent[];
  readonly results: readonly EventResult[];
  readonly balances: Readonly<Record<string, Account>>;
}

/** The first result of each event id, in order (a repeated id is a duplicate delivery answered with the first). */
export function firstResults(results: readonly EventResult[]): EventResult[] {
  const seen = new Set<string>();
  return results.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** Each event by its id (the first, when an id repeats). */
export function eventsById(events: readonly DomainEvent[]): Map<string, DomainEvent> {
  const byId = new Map<string, DomainEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return byId;
}

/** Claim id → the id of the reversal that undid it (撤销结算). */
export function reversalsOf(results: readonly EventResult[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of firstResults(results)) if (r.type === 'reverseClaim' && r.status === 'reversed') out.set(r.claimId, r.id);
  return out;
}

/**
 * How a member is shown in anything the insurer reads: the masked name, never the
 * clear one. The one place to change when names become keyed digests with a masked
 * display form (issue 14).
 *
 * @example memberDisplay({ name: { digest, masked: '张*' } }) // '张*'
 */
export function memberDisplay(member: Pick<Member, 'name'> | undefined): string {
  return member ? member.name.masked : '';
}

/**
 * The run of a scenario document and its outcome (what the main job writes as
 * scenario.json and outcome.json): the document is validated like any scenario,
 * so a file that is not one fails with the contract's error naming the field.
 */
export function insurerRunOf(scenarioDocument: unknown, outcome: Outcome): InsurerRun {
  const { world, events } = parseScenario(scenarioDocument);
  return { world, events, results: outcome.results, balances: outcome.balances };
}

/** Ten-year age bands an actuary groups claims by ('0-9' … '80+'); '' when the birth date is unknown. */
export function ageBandOf(member: Pick<Member, 'birthDate'> | undefined, on: LocalDate): string {
  // The birth date was read from the ID number when the member was sealed (engine's core/personal.ts).
  const birth = member?.birthDate;
  if (!birth) return '';
  const decade = Math.min(8, Math.floor(ageOn(birth, on) / 10));
  return decade === 8 ? '80+' : `${decade * 10}-${decade * 10 + 9}`;
}
