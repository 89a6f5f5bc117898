/** The main job's summary as tables for a terminal. */
import { renderTable, yuan } from '../report/table.ts';
import type { MainSummary } from './summary.ts';

const n = (x: number) => x.toLocaleString('en-US');
const percent = (ratio: number | null) => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)}%`);

export function renderSummary(s: MainSummary): string {
  const claims = renderTable(
    ['', 'count'],
    [
      ['submitted', n(s.claims.submitted)],
      ['settled', n(s.claims.settled)],
      ['rejected', n(s.claims.rejected)],
      ...Object.entries(s.claims.rejectedByReason)
        .sort((a, b) => b[1] - a[1])
        .map(([code, count]) => [`  ${code}`, n(count)]),
      ['failed', n(s.claims.failed)],
      ['quotes (试算)', n(s.quotes.quoted)],
      ['reversals (撤销结算)', n(s.reversals.reversed)],
    ],
    { title: 'Claims' },
  );
  const r = s.reviews;
  const hours = (h: number | null) => (h === null ? 'n/a' : `${h.toFixed(1)} h`);
  const reviews = renderTable(
    ['', 'value'],
    [
      ['auto-adjudication rate', percent(r.autoAdjudicationRate)],
      ['decided with no person', n(r.autoDecided)],
      ['decided by a reviewer', n(r.reviewerDecided)],
      ['held for review 人工审核', n(r.held)],
      ...Object.entries(r.heldByFlag)
        .sort((a, b) => b[1] - a[1])
        .map(([flag, count]) => [`  ${flag}`, n(count)]),
      ['approved', n(r.decisions.approved)],
      ['approved without some lines', n(r.decisions.approvedWithCuts)],
      ['rejected by a reviewer', n(r.decisions.rejected)],
      ['decisions on claims not held', n(r.decisions.notHeld)],
      ['still held', n(r.stillHeld)],
      ['escalated to a supervisor', n(r.escalated)],
      ['wait: median / p90 / max', `${hours(r.waitHours.median)} / ${hours(r.waitHours.p90)} / ${hours(r.waitHours.max)}`],
    ],
    { title: 'Review of flagged claims' },
  );
  const paid = renderTable(
    ['', 'yuan'],
    [
      ['basic tier 统筹基金', yuan(s.paidFen.basic)],
      ['critical illness 大病保险', yuan(s.paidFen.criticalIllness)],
      ['medical assistance 医疗救助', yuan(s.paidFen.assistance)],
      ['supplementary 惠民保', yuan(s.paidFen.supplementary)],
      ['own personal account', yuan(s.paidFen.ownAccount)],
      ['family account 家庭共济', yuan(s.paidFen.familyAccount)],
      ['cash', yuan(s.paidFen.cash)],
    ],
    { title: 'Paid (yuan)' },
  );
  const product = renderTable(
    ['', 'value'],
    [
      ['enrollments submitted', n(s.enrollments.submitted)],
      ['enrolled', n(s.enrollments.enrolled)],
      ['rejected', n(s.enrollments.rejected)],
      ['paid from personal accounts', yuan(s.enrollments.accountPaidFen)],
      ['renewed', n(s.renewals.renewed)],
      ['renewal reminders', n(s.renewals.reminded)],
      ['auto-renewals refused (reminded)', n(s.renewals.failed)],
    ],
    { title: 'Supplementary product' },
  );
  const lossRatio = `${renderTable(
    ['product', 'year', 'paid', 'reversed', 'net paid', 'policies', 'premiums', 'loss ratio'],
    s.lossRatios.map((p) => [
      `${p.productId} ${p.name}`,
      String(p.year),
      yuan(p.paidFen),
      yuan(p.reversedFen),
      yuan(p.netPaidFen),
      n(p.policies.held + p.policies.enrolled + p.policies.renewed),
      yuan(p.premiumsFen),
      percent(p.ratio),
    ]),
    { title: 'Loss ratio per product year (yuan)' },
  )}\n${s.lossRatioDefinition[0]!.toUpperCase()}${s.lossRatioDefinition.slice(1)}.`;
  const run = renderTable(
    ['', 'value'],
    [
      ['seconds', s.seconds.toFixed(1)],
      ['claims per second', s.claimsPerSecond.toFixed(1)],
      ['notifications sent', n(s.notificationsSent)],
      ['reconciled', String(s.reconciled)],
      ...s.reconciliation.problems.map((p) => ['  problem', p]),
    ],
    { title: 'Run' },
  );
  const stack = `Stack: ${s.stack.dynamodb} · ${s.stack.queue} · ${s.stack.workflow}`;
  return [stack, claims, reviews, paid, product, lossRatio, run].join('\n\n') + '\n';
}
