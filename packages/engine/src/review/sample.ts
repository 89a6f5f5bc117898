/**
 * The review sample (人工审核抽检): a fixed share of claims, reproducible from the
 * claim's id alone, so every replay, every retry and every adapter samples the
 * same claims.
 */
import { createHash } from 'node:crypto';

/**
 * The claim's place in the sample: the first four bytes of SHA-256 of its id
 * (UTF-8), read as a big-endian unsigned integer, modulo 10,000.
 * @example sampleBucket('c1') // a number in 0…9999, the same on every run
 */
export function sampleBucket(claimId: string): number {
  return createHash('sha256').update(claimId, 'utf8').digest().readUInt32BE(0) % 10_000;
}

/**
 * The bucket a claim must be below to be SAMPLED, from the rules' `samplePercent`:
 * `samplePercent × 100` exactly (2.5 gives 250). Buckets are whole numbers, so
 * "below x" is "below ⌈x⌉"; the product is taken on the decimal the document wrote
 * (0.07 × 100 is 7, not 7.000000000000001, which would sample bucket 7 too).
 * @example sampleThreshold(2.5) // 250
 */
export function sampleThreshold(samplePercent: number): number {
  // Hundredths of a percent to 6 decimals: removes binary noise, keeps any fraction a document can mean.
  return Math.ceil(Math.round(samplePercent * 100_000_000) / 1_000_000);
}
