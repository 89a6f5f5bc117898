/**
 * functions → api: verified credentials (JWS, ES256, with `jose`). Three kinds,
 * each a short-lived signed token about one member, never a field the caller types:
 * - the patient's medical e-voucher (医保电子凭证): signed by the platform's
 *   credential key, `sub` = the member, `purpose` = `voucher`, valid a few minutes;
 *   a provider presents it with a claim or a quote and the API derives `cardHolderId`
 *   from it;
 * - a face verification: a verifier's signed statement that it saw this member's
 *   face (`sub`, `iat`), at most a few minutes old; it sets `faceVerified` on a
 *   viewer binding;
 * - a member's bearer token (`sub` = the member) for the member routes: on AWS API
 *   Gateway's JWT authorizer verifies it against the stage's issuer; locally the
 *   local gateway verifies it with `verifyMemberToken`, the same code.
 * Only public keys are needed to verify; signing is for the local stack's
 * `credential` command and tests (on AWS the issuers sign: the national platform,
 * the verifier, the identity provider).
 */
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const CREDENTIAL_ALG = 'ES256';

/** How long a credential is valid after it is issued: a counter's read, not a session. */
export const VOUCHER_TTL_S = 300;
/** A face verification older than this is stale. */
export const FACE_MAX_AGE_S = 300;
/** A member's bearer token (local issuer). */
export const MEMBER_TOKEN_TTL_S = 3600;

/** Who signs what: the platform's credential key, the face verifier, the member identity issuer. */
export const CREDENTIAL_KINDS = ['voucher', 'face', 'member'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Issuer (`iss`) and token type (`typ` header) of each kind: a token of one kind is never taken for another. */
export const CREDENTIAL_ISSUERS: Record<CredentialKind, string> = {
  voucher: 'medins-credential',
  face: 'medins-face-verifier',
  member: 'medins-local-issuer',
};
const TOKEN_TYPES: Record<CredentialKind, string> = { voucher: 'medins-voucher+jwt', face: 'medins-face+jwt', member: 'JWT' };
/** The audience of member tokens (API Gateway's JWT authorizer checks the stage's own). */
export const MEMBER_AUDIENCE = 'medins-api';

/** The public keys the API verifies with, one JWK per kind (configuration: `MEDINS_CREDENTIAL_KEYS` on AWS). */
export type CredentialPublicKeys = Readonly<Record<CredentialKind, JWK>>;
/** The signing keys (private JWKs) of the local stack's issuers. */
export type CredentialSigningKeys = Readonly<Record<CredentialKind, JWK>>;

/** Why a credential was refused (no detail of the token itself: it is personal data). */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/** A fresh key pair per kind (once per local data directory). */
export async function generateCredentialKeys(): Promise<CredentialSigningKeys> {
  const out: Partial<Record<CredentialKind, JWK>> = {};
  for (const kind of CREDENTIAL_KINDS) {
    const { privateKey } = await generateKeyPair(CREDENTIAL_ALG, { extractable: true });
    out[kind] = { ...(await exportJWK(privateKey)), alg: CREDENTIAL_ALG, kid: `${kind}-1`, use: 'sig' };
  }
  return out as CredentialSigningKeys;
}

/** The public half of signing keys: what the API is given. */
export function publicKeysOf(keys: CredentialSigningKeys): CredentialPublicKeys {
  const pub = ({ d: _d, ...rest }: JWK): JWK => rest;
  return { voucher: pub(keys.voucher), face: pub(keys.face), member: pub(keys.member) };
}

/** The public keys from configuration text (JSON `{voucher, face, member}` of public JWKs); throws naming what is wrong. */
export function parsePublicKeys(text: string): CredentialPublicKeys {
  const doc = JSON.parse(text) as Record<string, JWK>;
  for (const kind of CREDENTIAL_KINDS) {
    const key = doc[kind];
    if (!key || typeof key !== 'object' || key.kty !== 'EC') throw new CredentialError(`credential keys: ${kind} is not an EC public JWK`);
    if (key.d !== undefined) throw new CredentialError(`credential keys: ${kind} holds a private key; give the API only public keys`);
  }
  return { voucher: doc.voucher!, face: doc.face!, member: doc.member! };
}

/** Signs one credential of `kind` for `memberId`, issued at `nowMs` (the local `credential` command, tests). */
export async function signCredential(
  keys: CredentialSigningKeys,
  kind: CredentialKind,
  memberId: string,
  nowMs = Date.now(),
): Promise<string> {
  const key = await importJWK(keys[kind], CREDENTIAL_ALG);
  const iat = Math.floor(nowMs / 1000);
  const ttl = kind === 'voucher' ? VOUCHER_TTL_S : kind === 'face' ? FACE_MAX_AGE_S : MEMBER_TOKEN_TTL_S;
  const jwt = new SignJWT({ purpose: kind })
    .setProtectedHeader({ alg: CREDENTIAL_ALG, typ: TOKEN_TYPES[kind], ...(keys[kind].kid ? { kid: keys[kind].kid } : {}) })
    .setSubject(memberId)
    .setIssuer(CREDENTIAL_ISSUERS[kind])
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl);
  if (kind === 'member') jwt.setAudience(MEMBER_AUDIENCE);
  return jwt.sign(key);
}

/** What a verified credential says. */
export interface VerifiedCredential {
  /** The member it is about (`sub`). */
  readonly memberId: string;
  /** When it was issued (ms). */
  readonly issuedAt: number;
}

export interface CredentialVerifier {
  /** The member a valid token of `kind` names, checked at `nowMs`; throws CredentialError otherwise. */
  verify(kind: CredentialKind, token: string, nowMs: number): Promise<VerifiedCredential>;
}

/** Tokens longer than this are refused unread (a JWS of these claims is under 600 characters). */
const MAX_TOKEN_LENGTH = 4096;

/**
 * A verifier over fixed public keys (imported once: the key set is configuration,
 * so the cache is as large as the three kinds and no larger).
 *
 * @example
 * ```ts
 * const verifier = credentialVerifier(parsePublicKeys(env.MEDINS_CREDENTIAL_KEYS));
 * const { memberId } = await verifier.verify('voucher', header, clock.now());
 * ```
 */
export function credentialVerifier(keys: CredentialPublicKeys): CredentialVerifier {
  const imported = new Map<CredentialKind, Promise<CryptoKey | Uint8Array>>();
  const keyOf = (kind: CredentialKind) => {
    let key = imported.get(kind);
    if (!key) {
      key = importJWK(keys[kind], CREDENTIAL_ALG);
      imported.set(kind, key);
    }
    return key;
  };
  return {
    async verify(kind, token, nowMs) {
      if (token.length > MAX_TOKEN_LENGTH) throw new CredentialError('the credential is too long');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await keyOf(kind), {
          algorithms: [CREDENTIAL_ALG],
          issuer: CREDENTIAL_ISSUERS[kind],
          typ: TOKEN_TYPES[kind],
          currentDate: new Date(nowMs),
          requiredClaims: ['sub', 'iat', 'exp'],
          // A long-lived token is not a counter's read: refused even when its `exp` says otherwise.
          maxTokenAge: kind === 'member' ? MEMBER_TOKEN_TTL_S : kind === 'face' ? FACE_MAX_AGE_S : VOUCHER_TTL_S,
          clockTolerance: 30,
          ...(kind === 'member' ? { audience: MEMBER_AUDIENCE } : {}),
        }));
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        const why =
          code === 'ERR_JWT_EXPIRED'
            ? 'has expired'
            : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
              ? 'is not signed by the expected key'
              : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
                ? `is not a ${kind} credential valid now`
                : 'is not a valid signed credential';
        throw new CredentialError(`the ${kind} credential ${why}`);
      }
      if (payload.purpose !== kind) throw new CredentialError(`the credential is not a ${kind} credential`);
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 128)
        throw new CredentialError(`the ${kind} credential names no member`);
      return { memberId: payload.sub, issuedAt: (payload.iat ?? 0) * 1000 };
    },
  };
}
