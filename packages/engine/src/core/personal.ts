/**
 * Personal data as the system keeps it (PIPL Art. 28; GB/T 35273, GB/T 39725
 * de-identification): a name, an ID number, a phone or a birth-certificate
 * number is sealed where it enters — at the API, when a world is seeded, when a
 * scenario is read — into its keyed digest and its masked display form, and the
 * clear value goes no further. Every rule that compares people compares digests;
 * what a rule needs from the clear value (an ID number's check digit and birth
 * date, a phone's shape) is read once, at the seal, and kept beside the digest.
 *
 * The engine never holds the key: a `Digester` is handed in by whoever seals
 * (an HMAC-SHA-256 keyed from Secrets Manager in the cloud, a generated key
 * locally; `@medins/contract`'s `hmacDigester`).
 */
import { birthDateFromIdNumber, isValidIdNumber, isValidPhone } from './identity.ts';
import { maskIdNumber, maskName, maskPhone } from './privacy.ts';
import type { LocalDate } from './time.ts';

declare const digestBrand: unique symbol;
/** A keyed digest of one normalised personal value: equal values, equal digests; the value cannot be read back. */
export type Digest = string & { readonly [digestBrand]: 'Digest' };

/** What kind of value a digest is of: part of the digested text, so a name never equals an ID number. */
export type PersonalKind = 'name' | 'idNumber' | 'phone' | 'certificateNo';

/** Keyed digest of a normalised value (the key stays with the caller). */
export type Digester = (kind: PersonalKind, normalised: string) => Digest;

/** A personal value kept only as its keyed digest and its masked display form. */
export interface Sealed {
  readonly digest: Digest;
  readonly masked: string;
}

/** A sealed ID number, with what the rules read from the clear one at the seal. */
export interface SealedIdNumber extends Sealed {
  /** It passed the GB 11643 check (17 digits, a real birth date, the mod 11-2 check character). */
  readonly valid: boolean;
}

/** A sealed phone, with its shape checked at the seal. */
export interface SealedPhone extends Sealed {
  /** An 11-digit mainland mobile number. */
  readonly valid: boolean;
}

/** Names compare after Unicode NFC and trimming: the same name typed by two systems is one name. */
export function sealName(clear: string, digest: Digester): Sealed {
  const normalised = clear.normalize('NFC').trim();
  return { digest: digest('name', normalised), masked: maskName(normalised) };
}

/** The check letter compares case-blind (`x` is `X`). */
export function sealIdNumber(clear: string, digest: Digester): SealedIdNumber {
  const normalised = clear.trim().toUpperCase();
  return { digest: digest('idNumber', normalised), masked: maskIdNumber(normalised), valid: isValidIdNumber(normalised) };
}

export function sealPhone(clear: string, digest: Digester): SealedPhone {
  const normalised = clear.trim();
  return { digest: digest('phone', normalised), masked: maskPhone(normalised), valid: isValidPhone(normalised) };
}

/** A birth-certificate number (出生医学证明编号): letters compare case-blind. */
export function sealCertificateNo(clear: string, digest: Digester): Sealed {
  const normalised = clear.trim().toUpperCase();
  return { digest: digest('certificateNo', normalised), masked: '*'.repeat(Math.min(normalised.length, 8)) };
}

/** The birth date an ID number carries, read at the seal (the sealed value no longer has it). */
export const birthDateOfClearIdNumber = (clear: string): LocalDate | undefined => birthDateFromIdNumber(clear.trim());

/** Two sealed values name the same thing (both sealed with the same key). */
export const sameSealed = (a: Sealed, b: Sealed): boolean => a.digest === b.digest;
