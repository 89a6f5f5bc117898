/**
 * What sqs.ts and sqs-direct.ts rely on in fauxqs beyond its public entry (all
 * loaded through fauxqs-dist.ts): the store classes in `dist/sqs/sqsStore.js`,
 * `dist/sns/snsStore.js` and `dist/s3/s3Store.js`, the SQS store's `host` field and
 * how `buildQueueUrl` uses it, the SQS action functions. None of it is
 * fauxqs's public API, so the version is pinned exactly and this test fails,
 * naming what moved, when an upgrade changes that shape.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from 'fauxqs';
import { describe, expect, it } from 'vitest';
import { StartupError } from '../src/errors.ts';
import { fromFauxqsDist } from '../src/fauxqs-dist.ts';
import { loopbackStores } from '../src/sqs.ts';
import { loadSqsActions } from '../src/sqs-direct.ts';
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

  it('has the SQS actions sqs-direct.ts answers with at their dist paths', async () => {
    // Act
    const actions = await loadSqsActions();
    // Assess
    expect([...actions.keys()].sort()).toEqual([
      'ChangeMessageVisibilityBatchCommand',
      'ChangeMessageVisibilityCommand',
      'DeleteMessageBatchCommand',
      'DeleteMessageCommand',
      'GetQueueAttributesCommand',
      'ReceiveMessageCommand',
      'SendMessageBatchCommand',
      'SendMessageCommand',
    ]);
    for (const [name, action] of actions) expect(action, name).toBeTypeOf('function');
  });

  it('names the function to update when a dist module has moved', async () => {
    // Act
    const loading = fromFauxqsDist('loopbackStores() in sqs.ts', (dist) => dist('sqs/noSuchModule.js'));
    // Assess
    await expect(loading).rejects.toBeInstanceOf(StartupError);
    await expect(loading).rejects.toThrow(/fauxqs's dist modules moved .*update loopbackStores\(\) in sqs\.ts/);
  });
});
