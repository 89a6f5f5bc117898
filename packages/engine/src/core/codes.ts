/**
 * Reason and note codes: stable, UPPER_SNAKE_CASE, part of the public contract.
 * A reason rejects an event; a note explains why a tier or a payment source paid nothing.
 */
export const REASON = {
  MEMBER_NOT_FOUND: 'MEMBER_NOT_FOUND',
  MEMBER_NOT_ACTIVE: 'MEMBER_NOT_ACTIVE',
  CREDENTIAL_MISMATCH: 'CREDENTIAL_MISMATCH',
  /** A settled, unreversed claim of the same provider holds the visit id (2207 once per 就诊ID). */
  DUPLICATE_VISIT: 'DUPLICATE_VISIT',
  PROVIDER_NOT_DESIGNATED: 'PROVIDER_NOT_DESIGNATED',
  NO_BASIC_PLAN: 'NO_BASIC_PLAN',
  ENROLLMENT_CLOSED: 'ENROLLMENT_CLOSED',
  ALREADY_ENROLLED: 'ALREADY_ENROLLED',
  NOT_IN_REGION: 'NOT_IN_REGION',
  RELATIONSHIP_NOT_ALLOWED: 'RELATIONSHIP_NOT_ALLOWED',
  TOO_MANY_RELATIVES: 'TOO_MANY_RELATIVES',
  INVALID_ID_NUMBER: 'INVALID_ID_NUMBER',
  INVALID_PHONE: 'INVALID_PHONE',
  NO_PERSONAL_ACCOUNT: 'NO_PERSONAL_ACCOUNT',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  ALREADY_IN_GROUP: 'ALREADY_IN_GROUP',
  INVALID_WINDOW: 'INVALID_WINDOW',
  REAL_NAME_MISMATCH: 'REAL_NAME_MISMATCH',
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  ACCOUNT_PAYMENT_NOT_ALLOWED: 'ACCOUNT_PAYMENT_NOT_ALLOWED',
  NOT_BOUND: 'NOT_BOUND',
  CLAIM_NOT_FOUND: 'CLAIM_NOT_FOUND',
  ALREADY_REVERSED: 'ALREADY_REVERSED',
  FACE_VERIFICATION_REQUIRED: 'FACE_VERIFICATION_REQUIRED',
  PROOF_NOT_ALLOWED: 'PROOF_NOT_ALLOWED',
  ALREADY_BOUND: 'ALREADY_BOUND',
  /** reviewDecision: the reviewer rejected the held claim (人工审核不通过). */
  REVIEW_REJECTED: 'REVIEW_REJECTED',
  /** reviewDecision: the claim is not held (unknown, settled, rejected, or decided before). */
  NOT_HELD: 'NOT_HELD',
} as const;
export type ReasonCode = (typeof REASON)[keyof typeof REASON];

export const NOTE = {
  SUPPLEMENTARY_NOT_ENROLLED: 'SUPPLEMENTARY_NOT_ENROLLED',
  FAMILY_BINDING_NOT_IN_WINDOW: 'FAMILY_BINDING_NOT_IN_WINDOW',
  FAMILY_HOLDER_NOT_ACTIVE: 'FAMILY_HOLDER_NOT_ACTIVE',
  BASIC_VISIT_TYPE_NOT_COVERED: 'BASIC_VISIT_TYPE_NOT_COVERED',
} as const;
export type NoteCode = (typeof NOTE)[keyof typeof NOTE];

/** A reason or note: a stable code and a message for people (never personal data). */
export interface Finding<Code extends string = ReasonCode | NoteCode> {
  readonly code: Code;
  readonly message: string;
}
export type Reason = Finding<ReasonCode>;
export type Note = Finding<NoteCode>;

/**
 * Collects findings once per code: "every reason that applies is listed", and a
 * code that applies twice (two people already in a group) is still one reason.
 */
export class Findings<Code extends string> {
  readonly #items = new Map<Code, string>();
  add(code: Code, message: string): this {
    if (!this.#items.has(code)) this.#items.set(code, message);
    return this;
  }
  get empty(): boolean {
    return this.#items.size === 0;
  }
  has(code: Code): boolean {
    return this.#items.has(code);
  }
  list(): Finding<Code>[] {
    return [...this.#items].map(([code, message]) => ({ code, message }));
  }
}
