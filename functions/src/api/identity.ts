/**
 * functions → api: who is speaking, from what API Gateway verified — never from
 * the body or a header the caller writes. Service callers (hospitals, insurers,
 * operations) sign with IAM: API Gateway hands the function the caller's ARN,
 * which for a role is its *session* (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`);
 * the session name is chosen by whoever assumes the role, so it is dropped and the
 * role's own ARN (`arn:aws:iam::ACCOUNT:role/ROLE`) is what is looked up. Members
 * come through the JWT authorizer of their routes: the token's `sub` is the member.
 */

/** The IAM role ARN of an assumed-role session, or the ARN unchanged (users, roles); any partition (aws, aws-cn, aws-us-gov). */
export function normalizeArn(arn: string): string {
  const m = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : arn;
}

/** The authorizer context of a payload v2 event, as either authorizer sends it. */
export interface AuthorizerContext {
  readonly iam?: { readonly userArn?: string | null } | null;
  readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>> | null } | null;
}

/** Who API Gateway says is calling: an IAM identity (normalised ARN) or a member (the JWT's `sub`), or nobody. */
export type Caller = { readonly kind: 'iam'; readonly arn: string } | { readonly kind: 'member'; readonly memberId: string };

/**
 * The caller named by the request context.
 *
 * @example
 * ```ts
 * callerOf({ iam: { userArn: 'arn:aws:sts::111122223333:assumed-role/hospital/any-session' } });
 * // { kind: 'iam', arn: 'arn:aws:iam::111122223333:role/hospital' }
 * ```
 */
export function callerOf(authorizer: AuthorizerContext | undefined | null): Caller | null {
  const sub = authorizer?.jwt?.claims?.sub;
  if (typeof sub === 'string' && sub !== '' && sub.length <= 128) return { kind: 'member', memberId: sub };
  const arn = authorizer?.iam?.userArn;
  if (typeof arn === 'string' && arn !== '') return { kind: 'iam', arn: normalizeArn(arn) };
  return null;
}
