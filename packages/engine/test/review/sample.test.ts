/**
 * review/sample.ts: the deterministic sample. The expected buckets were computed
 * outside the engine (`printf %s c7 | sha256sum`: the first 8 hex digits, as an
 * unsigned integer, modulo 10,000), so the test does not restate the code.
 */
import { sampleBucket, sampleThreshold } from '@medins/engine';
import { describe, expect, it } from 'vitest';

describe('sampleBucket', () => {
  it.each([
    ['c1', 5530], // d0f631ca = 3505795530
    ['c7', 157],
    ['c2', 9777],
    ['理赔-1', 9384], // UTF-8 bytes: 0ffb7b78 = 268139384
  ])('puts %s in bucket %i', (id, bucket) => {
    expect(sampleBucket(id)).toBe(bucket);
  });
});

describe('sampleThreshold', () => {
  it.each([
    [0, 0],
    [2, 200],
    [2.5, 250],
    [100, 10_000],
    [0.07, 7], // 0.07 × 100 in binary is 7.000000000000001: the contract means 7
    [1.57, 157],
    [1.571, 158], // bucket 157 < 157.1: sampled
    [2.555, 256], // bucket 255 < 255.5, bucket 256 is not
  ])('samplePercent %d samples the buckets below %i', (percent, threshold) => {
    expect(sampleThreshold(percent)).toBe(threshold);
  });
});
