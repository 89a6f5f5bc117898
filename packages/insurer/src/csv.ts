/**
 * insurer → CSV exports an analyst opens in Excel or loads in pandas: one flat row
 * per claim and quote, enrollment, policy renewal, policy and personal account, already
 * joined to member, provider, region and date. Amounts are yuan with two decimals,
 * converted exactly from integer fen (`formatFen`, no float). UTF-8 with a BOM so
 * that Excel reads the Chinese correctly; quoting by csv-stringify, never by hand.
 * Members appear by id and masked name only.
 */
import {
  type ClaimEvent,
  type ClaimResult,
  formatFen,
  formatShanghai,
  type HeldClaimResult,
  type MemberId,
  type PlanId,
  policyIdOf,
  type QuoteEvent,
  type ReviewDecisionResult,
} from '@medins/engine';
import { stringify } from 'csv-stringify/sync';
import { type PolicyRenewalRow, policyRenewals } from './renewals.ts';
import { ageBandOf, eventsById, firstResults, type InsurerRun, memberDisplay, reversalsOf } from './run.ts';
import type { WhatIfReport } from './whatif.ts';

/** One export: its file name and its text (BOM included). */
export interface CsvFile {
  readonly name: string;
  readonly text: string;
}

type Cell = string | number;
type Column<T> = readonly [header: string, value: (row: T) => Cell];

/** Yuan with two decimals, exact: 1234567 fen → "12345.67" (no thousands separator, so every tool reads a number). */
const yuan = (fenAmount: number): string => formatFen(fenAmount);

function csvOf<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  return stringify(
    rows.map((r) => columns.map(([, value]) => value(r))),
    { bom: true, header: true, columns: columns.map(([header]) => header), record_delimiter: 'windows' },
  );
}

interface ClaimRow {
  /** A held claim is a row too: nothing paid, its status says it waits for a reviewer. */
  readonly result: ClaimResult | HeldClaimResult;
  /**
   * The reviewer's decision that ended a held claim (approved: settled under its
   * figures; rejected: `REVIEW_REJECTED`): the row's status and amounts are the decision's.
   */
  readonly decision: ReviewDecisionResult | undefined;
  readonly event: ClaimEvent | QuoteEvent | undefined;
  readonly reversedBy: string;
}

/** Every claim and quote, as a row: the columns claims.csv has, in order. */
function claimColumns(run: InsurerRun): Column<ClaimRow>[] {
  const members = new Map(run.world.members.map((m) => [m.id as string, m]));
  const member = (row: ClaimRow) => (row.event ? members.get(row.event.memberId) : undefined);
  const provider = (row: ClaimRow) => (row.event ? run.world.catalog.provider(row.event.providerId) : undefined);
  return [
    ['claim_id', (r) => r.result.id],
    ['type', (r) => r.result.type],
    ['status', (r) => outcomeOf(r).status],
    ['reversed_by', (r) => r.reversedBy],
    ['member_id', (r) => r.event?.memberId ?? ''],
    ['member', (r) => memberDisplay(member(r))],
    ['age_band', (r) => (r.event ? ageBandOf(member(r), r.event.serviceDate) : '')],
    ['scheme', (r) => member(r)?.scheme ?? ''],
    ['region', (r) => member(r)?.region ?? ''],
    ['provider_id', (r) => r.event?.providerId ?? ''],
    ['provider_region', (r) => provider(r)?.region ?? ''],
    ['provider_level', (r) => provider(r)?.level ?? ''],
    ['visit_type', (r) => r.event?.visitType ?? ''],
    ['service_date', (r) => r.event?.serviceDate ?? ''],
    [
      'reasons',
      (r) =>
        outcomeOf(r)
          .reasons.map((x) => x.code)
          .join(';'),
    ],
    [
      'notes',
      (r) =>
        outcomeOf(r)
          .notes.map((x) => x.code)
          .join(';'),
    ],
    ['total_yuan', (r) => yuan(outcomeOf(r).totalFen)],
    ['basic_yuan', (r) => yuan(outcomeOf(r).basic?.paidFen ?? 0)],
    ['critical_illness_yuan', (r) => yuan(outcomeOf(r).criticalIllness?.paidFen ?? 0)],
    ['assistance_yuan', (r) => yuan(outcomeOf(r).assistance?.paidFen ?? 0)],
    ['supplementary_yuan', (r) => yuan(outcomeOf(r).supplementary?.paidFen ?? 0)],
    ['supplementary_product', (r) => outcomeOf(r).supplementary?.planId ?? ''],
    ['own_account_yuan', (r) => yuan(outcomeOf(r).payments.ownAccountFen)],
    ['family_account_yuan', (r) => yuan(outcomeOf(r).payments.familyAccountFen)],
    ['cash_yuan', (r) => yuan(outcomeOf(r).payments.cashFen)],
    ['decided_by', (r) => r.decision?.id ?? ''],
  ];
}

/** What the row reports: the reviewer's decision for a held claim that was decided, else the claim's own result. */
const outcomeOf = (r: ClaimRow): ClaimResult | HeldClaimResult | ReviewDecisionResult => r.decision ?? r.result;

/** Each held claim's deciding decision (settled, or `REVIEW_REJECTED`; a `NOT_HELD` decided nothing). */
function decisionsOf(results: InsurerRun['results']): Map<string, ReviewDecisionResult> {
  const decided = new Map<string, ReviewDecisionResult>();
  for (const r of firstResults(results))
    if (r.type === 'reviewDecision' && !r.reasons.some((x) => x.code === 'NOT_HELD') && !decided.has(r.claimId)) decided.set(r.claimId, r);
  return decided;
}

/**
 * claims.csv: one row per claim and quote, settled, rejected, quoted or held, in the
 * run's order; a held claim a reviewer decided carries the decision's status and
 * amounts and its id in `decided_by`.
 */
function claimsCsv(run: InsurerRun): string {
  const events = eventsById(run.events);
  const reversals = reversalsOf(run.results);
  const decisions = decisionsOf(run.results);
  const rows: ClaimRow[] = [];
  for (const result of firstResults(run.results)) {
    if (result.type !== 'claim' && result.type !== 'quote') continue;
    const event = events.get(result.id);
    rows.push({
      result,
      event: event?.type === 'claim' || event?.type === 'quote' ? event : undefined,
      reversedBy: reversals.get(result.id) ?? '',
      decision: result.status === 'held' ? decisions.get(result.id) : undefined,
    });
  }
  return csvOf(rows, claimColumns(run));
}

/** enrollments.csv: one row per enrollment request, enrolled or rejected with its reasons. */
function enrollmentsCsv(run: InsurerRun): string {
  const events = eventsById(run.events);
  const members = new Map(run.world.members.map((m) => [m.id as string, m]));
  const rows = firstResults(run.results).flatMap((result) => {
    const event = events.get(result.id);
    return result.type === 'enroll' && event?.type === 'enroll' ? [{ result, event }] : [];
  });
  type Row = (typeof rows)[number];
  const person = (id: MemberId) => memberDisplay(members.get(id));
  return csvOf<Row>(rows, [
    ['enrollment_id', (r) => r.result.id],
    ['submitted_at', (r) => formatShanghai(r.event.at)],
    ['product_id', (r) => r.event.productId],
    ['status', (r) => r.result.status],
    ['reasons', (r) => r.result.reasons.map((x) => x.code).join(';')],
    ['payer_id', (r) => r.event.payerId],
    ['payer', (r) => person(r.event.payerId)],
    ['insured_id', (r) => r.event.insuredId],
    ['insured', (r) => person(r.event.insuredId)],
    ['relationship', (r) => r.event.relationship],
    ['payment', (r) => r.event.payment],
    ['policy_id', (r) => r.result.policyId ?? ''],
    ['premium_yuan', (r) => yuan(r.result.premiumFen ?? 0)],
    ['account_paid_yuan', (r) => yuan(r.result.accountPaidFen)],
  ]);
}

/** renewals.csv: one row per policy offered renewal by a campaign, with its outcome and the premium it brought. */
function renewalsCsv(run: InsurerRun, renewals: readonly PolicyRenewalRow[]): string {
  const members = new Map(run.world.members.map((m) => [m.id as string, m]));
  const person = (id: MemberId) => memberDisplay(members.get(id));
  return csvOf(renewals, [
    ['campaign_id', (r) => r.campaignId],
    ['from_product', (r) => r.fromProductId],
    ['to_product', (r) => r.toProductId],
    ['policy_id', (r) => r.policyId],
    ['insured_id', (r) => r.insuredId],
    ['insured', (r) => person(r.insuredId)],
    ['payer_id', (r) => r.payerId],
    ['payer', (r) => person(r.payerId)],
    ['relationship', (r) => r.relationship],
    ['outcome', (r) => r.outcome],
    ['reasons', (r) => r.reasons.join(';')],
    ['premium_yuan', (r) => yuan(r.premiumFen)],
  ]);
}

/**
 * policies.csv: every policy the run ended with — held when it started, enrolled, or
 * renewed into by a campaign — with the premium it brought: the loss ratio's
 * denominator is the sum of `premium_yuan` per product.
 */
function policiesCsv(run: InsurerRun, renewals: readonly PolicyRenewalRow[]): string {
  const events = eventsById(run.events);
  const members = new Map(run.world.members.map((m) => [m.id as string, m]));
  const person = (id: string) => memberDisplay(members.get(id));
  const premiumOf = (productId: string) => run.world.catalog.product(productId as PlanId)?.premiumFen ?? 0;
  type Row = {
    policyId: string;
    productId: string;
    insuredId: string;
    payerId: string;
    relationship: string;
    payment: string;
    source: 'held' | 'enrolled' | 'renewed';
    eventId: string;
    premiumFen: number;
  };
  const rows: Row[] = run.world.policies.map((p) => ({
    policyId: p.id,
    productId: p.productId,
    insuredId: p.insuredId,
    payerId: p.payerId,
    relationship: p.relationship,
    payment: p.payment,
    source: 'held',
    eventId: '',
    premiumFen: premiumOf(p.productId),
  }));
  for (const r of firstResults(run.results)) {
    const e = events.get(r.id);
    if (r.type !== 'enroll' || r.status !== 'enrolled' || e?.type !== 'enroll') continue;
    rows.push({
      policyId: r.policyId ?? '',
      productId: e.productId,
      insuredId: e.insuredId,
      payerId: e.payerId,
      relationship: e.relationship,
      payment: e.payment,
      source: 'enrolled',
      eventId: r.id,
      premiumFen: r.premiumFen ?? 0,
    });
  }
  for (const r of renewals) {
    if (r.outcome !== 'renewed') continue;
    rows.push({
      policyId: policyIdOf(r.toProductId, r.insuredId),
      productId: r.toProductId,
      insuredId: r.insuredId,
      payerId: r.payerId,
      relationship: r.relationship,
      payment: 'personalAccount',
      source: 'renewed',
      eventId: r.campaignId,
      premiumFen: r.premiumFen,
    });
  }
  return csvOf(rows, [
    ['policy_id', (r) => r.policyId],
    ['product_id', (r) => r.productId],
    ['source', (r) => r.source],
    ['event_id', (r) => r.eventId],
    ['insured_id', (r) => r.insuredId],
    ['insured', (r) => person(r.insuredId)],
    ['payer_id', (r) => r.payerId],
    ['payer', (r) => person(r.payerId)],
    ['relationship', (r) => r.relationship],
    ['payment', (r) => r.payment],
    ['premium_yuan', (r) => yuan(r.premiumFen)],
  ]);
}

/** balances.csv: every personal account, at the start of the run and at its end. */
function balancesCsv(run: InsurerRun): string {
  const members = new Map(run.world.members.map((m) => [m.id as string, m]));
  const ids = [...new Set([...run.world.accounts.keys(), ...Object.keys(run.balances)])].sort();
  const rows = ids.map((id) => ({
    id,
    member: members.get(id),
    opening: run.world.accounts.get(id as MemberId) ?? { currentFen: 0, historicalFen: 0 },
    closing: run.balances[id] ?? { currentFen: 0, historicalFen: 0 },
  }));
  return csvOf(rows, [
    ['member_id', (r) => r.id],
    ['member', (r) => memberDisplay(r.member)],
    ['scheme', (r) => r.member?.scheme ?? ''],
    ['region', (r) => r.member?.region ?? ''],
    ['opening_current_yuan', (r) => yuan(r.opening.currentFen)],
    ['opening_historical_yuan', (r) => yuan(r.opening.historicalFen)],
    ['closing_current_yuan', (r) => yuan(r.closing.currentFen)],
    ['closing_historical_yuan', (r) => yuan(r.closing.historicalFen)],
    ['change_yuan', (r) => yuan(r.closing.currentFen + r.closing.historicalFen - r.opening.currentFen - r.opening.historicalFen)],
  ]);
}

/**
 * The five exports of a run.
 *
 * @example for (const f of csvExports(run)) writeFileSync(join(dir, f.name), f.text);
 */
export function csvExports(run: InsurerRun): CsvFile[] {
  const renewals = policyRenewals(run);
  return [
    { name: 'claims.csv', text: claimsCsv(run) },
    { name: 'enrollments.csv', text: enrollmentsCsv(run) },
    { name: 'renewals.csv', text: renewalsCsv(run, renewals) },
    { name: 'policies.csv', text: policiesCsv(run, renewals) },
    { name: 'balances.csv', text: balancesCsv(run) },
  ];
}

/** whatif-claims.csv: every claim whose supplementary payout or cash changed under the variant, largest change first. */
export function whatIfClaimsCsv(report: WhatIfReport): string {
  return csvOf(report.changedClaims, [
    ['claim_id', (c) => c.claimId],
    ['visit_type', (c) => c.visitType],
    ['age_band', (c) => c.ageBand],
    ['total_yuan', (c) => yuan(c.totalFen)],
    ['baseline_supplementary_yuan', (c) => yuan(c.baselineSupplementaryFen)],
    ['variant_supplementary_yuan', (c) => yuan(c.variantSupplementaryFen)],
    ['baseline_cash_yuan', (c) => yuan(c.baselineCashFen)],
    ['variant_cash_yuan', (c) => yuan(c.variantCashFen)],
  ]);
}
