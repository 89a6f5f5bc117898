/**
 * infra → template: the shape of what `synthesizeTemplate` returns, the parts of a synthesized
 * CloudFormation template its readers use. Reading it (resolving the intrinsics in a state
 * machine's definition) is the local stack's job (`@medins/local-stack`), so that one resolver
 * serves the embedded stack and infra's tests alike and infra's runtime carries none.
 */

/** One resource of the template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** A synthesized template: its resources by logical id, and the other sections as they are. */
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly [section: string]: unknown;
}
