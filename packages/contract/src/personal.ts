/**
 * Sealing personal data where it enters (engine's core/personal.ts says why):
 * the keyed digest (HMAC-SHA-256, base64url) and the step that turns a caller's
 * event document (clear names, ID numbers, phones) into the sealed one the
 * system keeps, queues and hands its workflows.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  type Digest,
  type Digester,
  type PersonalKind,
  type RealName,
  type RelativeProof,
  type Sealed,
  sealCertificateNo,
  sealIdNumber,
  sealName,
  sealPhone,
} from '@medins/engine';
import type { z } from 'zod';
import type { EventDoc, RealNameSchema, RelativeProofSchema, SealedEventDoc } from './event-schema.ts';

/** The digest key's length: 256 bits, HMAC-SHA-256's block-strength key. */
export const DIGEST_KEY_BYTES = 32;

/**
 * The keyed digest of a personal value: HMAC-SHA-256 over `kind`, a NUL and the
 * normalised value, in base64url. Without the key an ID number's digest cannot
 * be found by trying the (small) space of ID numbers.
 *
 * @example
 * ```ts
 * const digest = hmacDigester(key);
 * sealName('张三', digest); // { digest: 'q1…', masked: '张*' }
 * ```
 */
export function hmacDigester(key: Uint8Array): Digester {
  if (key.length < DIGEST_KEY_BYTES) throw new RangeError(`a digest key needs at least ${DIGEST_KEY_BYTES} bytes`);
  const k = Buffer.from(key);
  return (kind: PersonalKind, normalised: string) => createHmac('sha256', k).update(`${kind}\0${normalised}`).digest('base64url') as Digest;
}

let processDigest: Digester | undefined;

/**
 * A digester keyed with a random key made once per process: for what seals and
 * compares within one process (the scenario command, the engine's replays, tests).
 * Anything that keeps sealed values across processes (tables in a data dir, the
 * API) uses a kept key instead.
 */
export function processDigester(): Digester {
  processDigest ??= hmacDigester(randomBytes(DIGEST_KEY_BYTES));
  return processDigest;
}

type ClearRealName = z.infer<typeof RealNameSchema>;
type ClearProof = z.infer<typeof RelativeProofSchema>;

function sealRealName(r: ClearRealName, digest: Digester): RealName {
  return { name: sealName(r.name, digest), idNumber: sealIdNumber(r.idNumber, digest), phone: sealPhone(r.phone, digest) };
}

function sealProof(p: ClearProof, digest: Digester): RelativeProof {
  return p.kind === 'idNumber'
    ? { kind: 'idNumber', name: sealName(p.name, digest), idNumber: sealIdNumber(p.idNumber, digest) }
    : {
        kind: 'birthCertificate',
        certificateNo: sealCertificateNo(p.certificateNo, digest),
        motherName: sealName(p.motherName, digest),
        motherIdNumber: sealIdNumber(p.motherIdNumber, digest),
      };
}

/**
 * A caller's (validated) event with its personal data sealed: what the events
 * table, the queues and the workflows carry. Events without personal data come
 * back as they are.
 */
export function sealEvent(doc: EventDoc, digest: Digester): SealedEventDoc {
  switch (doc.type) {
    case 'enroll':
      return doc.realName ? { ...doc, realName: sealRealName(doc.realName, digest) } : (doc as SealedEventDoc);
    case 'bindFamily':
      return doc.proof ? { ...doc, proof: sealProof(doc.proof, digest) } : (doc as SealedEventDoc);
    case 'bindViewer':
      return { ...doc, proof: sealProof(doc.proof, digest) };
    default:
      return doc;
  }
}

/** A sealed value as the domain types it (the schema checked its shape). */
export const asSealed = <T extends { digest: string }>(x: T): T & Sealed => x as T & Sealed;
