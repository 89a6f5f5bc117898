/**
 * The parts of a synthesized CloudFormation template the local stack reads
 * (what `cdk synth` writes to cdk.out and `Template.fromStack().toJSON()` returns).
 */

/** One resource of a template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
}

/** A synthesized template. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly Parameters?: Readonly<Record<string, { readonly Type?: string; readonly Default?: unknown }>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** The account id every local ARN carries (fauxqs uses the same). */
export const LOCAL_ACCOUNT_ID = '000000000000';
