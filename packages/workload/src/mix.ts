/**
 * The proportions of the workload (generator → mix): every share the modules draw
 * against, in one place, with the default that makes a plausible 衢州 year. Callers
 * override any of them through `generateWorkload({ mix: { … } })`.
 */

export interface WorkloadMix {
  // ── population ──
  /** Members whose status is `suspended` (断缴) or `transferred` (转出): not insured. */
  readonly inactiveShare: number;
  /** Active employee members who authorised yearly auto-renewal from their account. */
  readonly autoRenewShare: number;
  /** Employees with a nearly empty account (a few hundred yuan at most). */
  readonly lowBalanceShare: number;
  /** Residents aged 45+ with an assistance category (低保 or 特困). */
  readonly assistanceShareOlder: number;
  /** Residents under 45 with an assistance category. */
  readonly assistanceShareYounger: number;

  // ── family mutual aid (家庭共济) ──
  /** Households with a possible holder whose group is already in the world. */
  readonly worldGroupShare: number;
  /** Households with a possible holder who set up their group during the year. */
  readonly bindEventShare: number;
  /** Bound relatives unbound later in the year. */
  readonly unbindShare: number;

  // ── enrollment (惠民保投保) ──
  /** Households whose policies for year Y are already in the world. */
  readonly worldPolicyShare: number;
  /** Households that enroll during the rush. */
  readonly rushShare: number;
  /** Of households with an employee payer, those paying from the personal account. */
  readonly accountPaymentShare: number;
  /** Rush households that submit after the deadline (half of them by one millisecond). */
  readonly lateShare: number;
  /** Enroll events delivered twice (same id, a retry later). */
  readonly duplicateShare: number;
  /** Account-paying households whose first request carries bad real-name data. */
  readonly badRealNameShare: number;
  /** Year-Y households (reminded, not auto-renewed) that enroll for Y+1 by hand in December. */
  readonly manualRenewalShare: number;

  // ── viewer bindings (亲情账户) ──
  /** Households with two or more people where someone binds relatives for viewing. */
  readonly viewerShare: number;

  // ── claims ──
  /** Shares of the visit types (normalised). */
  readonly visitTypes: {
    readonly outpatient: number;
    readonly pharmacy: number;
    readonly specialOutpatient: number;
    readonly inpatient: number;
  };
  /** Claims preceded by a quote (试算) with the same content, by visit type. */
  readonly quoteShare: {
    readonly outpatient: number;
    readonly pharmacy: number;
    readonly specialOutpatient: number;
    readonly inpatient: number;
  };
  /** Settled claims reversed later (撤销结算); half of them are re-billed. */
  readonly reversalShare: number;
  /** Claims where the patient opts out of account payment. */
  readonly noAccountShare: number;
  /** Claims delivered twice (same id). */
  readonly duplicateClaimShare: number;
  /** Ineligible claims by cause. */
  readonly credentialMismatchShare: number;
  readonly nonDesignatedShare: number;
  readonly unknownMemberShare: number;
  readonly noBasicPlanShare: number;
  /** Pharmacy claims that are special-drug purchases (特药). */
  readonly specialDrugShare: number;
}

export const DEFAULT_MIX: WorkloadMix = {
  inactiveShare: 0.025,
  autoRenewShare: 0.35,
  lowBalanceShare: 0.06,
  assistanceShareOlder: 0.05,
  assistanceShareYounger: 0.015,

  worldGroupShare: 0.35,
  bindEventShare: 0.2,
  unbindShare: 0.06,

  worldPolicyShare: 0.18,
  rushShare: 0.47,
  accountPaymentShare: 0.85,
  lateShare: 0.015,
  duplicateShare: 0.01,
  badRealNameShare: 0.03,
  manualRenewalShare: 0.25,

  viewerShare: 0.3,

  visitTypes: { outpatient: 0.32, pharmacy: 0.28, specialOutpatient: 0.25, inpatient: 0.15 },
  quoteShare: { outpatient: 0.02, pharmacy: 0.02, specialOutpatient: 0.05, inpatient: 0.2 },
  reversalShare: 0.01,
  noAccountShare: 0.03,
  duplicateClaimShare: 0.003,
  credentialMismatchShare: 0.006,
  nonDesignatedShare: 0.01,
  unknownMemberShare: 0.003,
  noBasicPlanShare: 0.002,
  specialDrugShare: 0.1,
};

/** The defaults with the caller's overrides on top. */
export function mixOf(overrides: Partial<WorkloadMix> = {}): WorkloadMix {
  return { ...DEFAULT_MIX, ...overrides };
}
