/**
 * The document pieces the generator writes (generator → contract types): every
 * shape comes from the contract's own `ScenarioInput`, so whatever the modules
 * build is checked by the compiler against the schema.
 */
import type { ScenarioInput } from '@medins/contract';

export type PlanInput = ScenarioInput['plans'][number];
export type BasicPlanInput = Extract<PlanInput, { tier: 'basic' }>;
export type BenefitInput = NonNullable<BasicPlanInput['benefits']['inpatient']>;
export type ProductInput = Extract<PlanInput, { tier: 'supplementary' }>;
export type RegionInput = NonNullable<ScenarioInput['regions']>[number];
export type ProviderInput = ScenarioInput['providers'][number];
export type MemberInput = ScenarioInput['members'][number];
export type FamilyGroupInput = NonNullable<ScenarioInput['familyGroups']>[number];
export type PolicyInput = NonNullable<ScenarioInput['policies']>[number];
export type EventInput = ScenarioInput['events'][number];
export type ClaimInput = Extract<EventInput, { type: 'claim' }>;
export type EnrollInput = Extract<EventInput, { type: 'enroll' }>;
export type BindFamilyInput = Extract<EventInput, { type: 'bindFamily' }>;
export type BindViewerInput = Extract<EventInput, { type: 'bindViewer' }>;
export type LineInput = ClaimInput['lines'][number];
export type VisitType = ClaimInput['visitType'];
export type Scheme = MemberInput['scheme'];
export type Relationship = NonNullable<FamilyGroupInput['members'][number]['relationship']>;

/** An event with its instant, so the timeline can sort without parsing text. */
export interface Timed {
  readonly at: number;
  readonly event: EventInput;
}
