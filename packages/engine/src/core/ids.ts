/**
 * Branded identifiers: a MemberId cannot be passed where a ClaimId is expected,
 * although both are strings on the wire.
 */
declare const brand: unique symbol;
type Id<Name extends string> = string & { readonly [brand]: Name };

export type MemberId = Id<'MemberId'>;
export type EventId = Id<'EventId'>;
export type PlanId = Id<'PlanId'>;
export type ProductId = PlanId;
export type ProviderId = Id<'ProviderId'>;
export type PolicyId = Id<'PolicyId'>;
export type RegionCode = Id<'RegionCode'>;
export type ResponsibilityId = Id<'ResponsibilityId'>;
/** The provider's own id of a visit (就诊ID, the national platform's `mdtrt_id`): unique per provider only. */
export type VisitId = Id<'VisitId'>;

export const asMemberId = (s: string) => s as MemberId;
export const asEventId = (s: string) => s as EventId;
export const asPlanId = (s: string) => s as PlanId;
export const asProviderId = (s: string) => s as ProviderId;
export const asPolicyId = (s: string) => s as PolicyId;
export const asRegionCode = (s: string) => s as RegionCode;
export const asResponsibilityId = (s: string) => s as ResponsibilityId;
export const asVisitId = (s: string) => s as VisitId;
