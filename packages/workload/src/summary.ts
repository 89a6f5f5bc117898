/**
 * What a generated document holds (caller → summarizeWorkload): counts by event
 * type, visit type and payment, money by line category, the people in it — for
 * reports and for tests that check the proportions.
 */
import type { ScenarioInput } from '@medins/contract';

export interface WorkloadSummary {
  readonly members: {
    readonly total: number;
    readonly employee: number;
    readonly resident: number;
    readonly retired: number;
    readonly notActive: number;
    readonly newborns: number;
    readonly withAssistance: number;
    readonly autoRenew: number;
    readonly byRegion: Record<string, number>;
  };
  readonly familyGroups: { readonly groups: number; readonly boundMembers: number };
  readonly policies: number;
  readonly events: {
    readonly total: number;
    readonly byType: Record<string, number>;
    /** Events whose id appeared earlier in the list (duplicate deliveries). */
    readonly repeated: number;
    readonly first: string | null;
    readonly last: string | null;
  };
  readonly claims: {
    readonly total: number;
    readonly byVisitType: Record<string, number>;
    readonly lines: number;
    readonly totalFen: number;
    readonly byCategoryFen: Record<string, number>;
    readonly withoutAccount: number;
  };
  readonly enrollments: {
    readonly byProduct: Record<string, number>;
    readonly byPayment: Record<string, number>;
    /** Requests after their product's window closed. */
    readonly late: number;
  };
}

const bump = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

/**
 * Counts what a scenario document holds; duplicate deliveries count once in the
 * claim and enrollment figures and once more in `events.repeated`.
 * @example summarizeWorkload(generateWorkload({ members: 100, claims: 200, seed: 1 })).claims.total // 200
 */
export function summarizeWorkload(doc: ScenarioInput): WorkloadSummary {
  const members = {
    total: 0,
    employee: 0,
    resident: 0,
    retired: 0,
    notActive: 0,
    newborns: 0,
    withAssistance: 0,
    autoRenew: 0,
    byRegion: {} as Record<string, number>,
  };
  for (const m of doc.members) {
    members.total++;
    members[m.scheme]++;
    if (m.retired) members.retired++;
    if (m.status !== 'active') members.notActive++;
    if (!m.idNumber) members.newborns++;
    if (m.assistanceCategory) members.withAssistance++;
    if (m.autoRenew) members.autoRenew++;
    bump(members.byRegion, m.region);
  }
  const groups = doc.familyGroups ?? [];
  const closesAt = new Map<string, number>();
  for (const p of doc.plans) if (p.tier === 'supplementary') closesAt.set(p.id, Date.parse(p.enrollment.closesAt));

  const byType: Record<string, number> = {};
  const seen = new Set<string>();
  let repeated = 0;
  const claims = {
    total: 0,
    byVisitType: {} as Record<string, number>,
    lines: 0,
    totalFen: 0,
    byCategoryFen: {} as Record<string, number>,
    withoutAccount: 0,
  };
  const enrollments = { byProduct: {} as Record<string, number>, byPayment: {} as Record<string, number>, late: 0 };
  for (const e of doc.events) {
    bump(byType, e.type);
    if (seen.has(e.id)) {
      repeated++;
      continue;
    }
    seen.add(e.id);
    if (e.type === 'claim') {
      claims.total++;
      bump(claims.byVisitType, e.visitType);
      if (e.useAccount === false) claims.withoutAccount++;
      for (const line of e.lines) {
        claims.lines++;
        claims.totalFen += line.amountFen;
        bump(claims.byCategoryFen, line.category, line.amountFen);
      }
    } else if (e.type === 'enroll') {
      bump(enrollments.byProduct, e.productId);
      bump(enrollments.byPayment, e.payment);
      const close = closesAt.get(e.productId);
      if (close !== undefined && Date.parse(e.at) > close) enrollments.late++;
    }
  }
  return {
    members,
    familyGroups: { groups: groups.length, boundMembers: groups.reduce((s, g) => s + g.members.length, 0) },
    policies: doc.policies?.length ?? 0,
    events: { total: doc.events.length, byType, repeated, first: doc.events[0]?.at ?? null, last: doc.events.at(-1)?.at ?? null },
    claims,
    enrollments,
  };
}
