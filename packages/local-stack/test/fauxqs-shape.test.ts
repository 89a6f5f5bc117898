/**
 * What sqs.ts relies on in fauxqs beyond its public entry: the store classes in
 * `dist/sqs/sqsStore.js`, `dist/sns/snsStore.js` and `dist/s3/s3Store.js`, the
 * SQS store's `host` field and how `buildQueueUrl` uses it. None of it is
 * fauxqs's public API, so the version is pinned exactly and this test fails,
 * naming what moved, when an upgrade changes that shape.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from 'fauxqs';
import { describe, expect, it } from 'vitest';
import { loopbackStores } from '../src/sqs.ts';
import { packageVersion } from '../src/versions.ts';

const manifest = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { dependencies?: Record<string, string> };

describe('fauxqs, as sqs.ts uses it', () => {
  it('is pinned to one exact version, the one installed', () => {
    // Prepare
    const declared = manifest(new URL('../package.json', import.meta.url).pathname).dependencies?.fauxqs;
    // Assess: no range (a caret would let a private path move under us)
    expect(declared).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageVersion('fauxqs')).toBe(`fauxqs ${declared}`);
  });

  it('exports buildApp, which takes the stores', () => {
    expect(typeof buildApp).toBe('function');
    expect(buildApp.length).toBeLessThanOrEqual(1);
  });

  it('has the store classes at the dist paths, constructible without arguments', async () => {
    // Act
    const stores = await loopbackStores();
    // Assess
    for (const [key, store] of Object.entries(stores)) {
      expect(store, key).toBeTypeOf('object');
      expect((store as object).constructor.length, `${key} constructor arity`).toBe(0);
    }
    expect(Object.keys(stores).sort()).toEqual(['s3Store', 'snsStore', 'sqsStore']);
  });

  it("builds queue URLs on the request's host once the SQS store's host is unset", async () => {
    // Prepare
    const { sqsStore } = await loopbackStores();
    const store = sqsStore as unknown as {
      host: unknown;
      buildQueueUrl: (name: string, port: number, requestHost: string, region: string) => string;
    };
    // Act
    const url = store.buildQueueUrl('claims', 41235, '127.0.0.1:41235', 'us-east-1');
    // Assess: the field exists, is what loopbackStores cleared, and decides the URL's host
    expect(store.host).toBe('');
    expect(store.buildQueueUrl).toHaveLength(4);
    expect(url).toBe('http://127.0.0.1:41235/000000000000/claims');
  });
});
