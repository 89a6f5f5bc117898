/**
 * adapters/aws.ts: the composition root on AWS — every dependency from a Lambda's
 * environment, read from the env object it is given (never at import), and the
 * entry that builds them on the first invocation.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@medins/engine';
import { documentClient, QUIET_SDK_LOGGER, Store } from '@medins/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClients, depsFromEnv, onAws, POLICY_PAGE_SIZE } from '../../src/adapters/aws.ts';
import type { HandlerDeps } from '../../src/shared/handler.ts';

const TABLES = {
  MEDINS_TABLE_CATALOG: 't-catalog',
  MEDINS_TABLE_MEMBERS: 't-members',
  MEDINS_TABLE_ACCOUNTS: 't-accounts',
  MEDINS_TABLE_EVENTS: 't-events',
};
const QUIET = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_TRACE_ENABLED: 'false' };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('depsFromEnv', () => {
  it('reads table names, page size and the dead-letter queue from the env it is given, not from process.env', async () => {
    // Prepare: process.env says otherwise.
    vi.stubEnv('POLICY_PAGE_SIZE', '3');
    vi.stubEnv('MEDINS_TABLE_EVENTS', 'from-process-env');
    vi.stubEnv('DEAD_LETTER_QUEUE_URL', 'https://q/process-env-dlq');
    const before = { ...process.env };

    // Act
    const deps = await depsFromEnv({ ...TABLES, ...QUIET, POLICY_PAGE_SIZE: '7', DEAD_LETTER_QUEUE_URL: 'https://q/dlq' });
    const defaults = await depsFromEnv({ ...QUIET });

    // Assess
    expect(deps.store).toBeInstanceOf(Store);
    expect((deps.store as Store).tables).toEqual({
      catalog: 't-catalog',
      members: 't-members',
      accounts: 't-accounts',
      events: 't-events',
    });
    expect(deps.policyPageSize).toBe(7);
    expect(deps.deadLetterQueueUrl).toBe('https://q/dlq');
    expect(defaults.policyPageSize).toBe(POLICY_PAGE_SIZE);
    expect(defaults).not.toHaveProperty('deadLetterQueueUrl');
    expect((defaults.store as Store).tables).toEqual({});
    expect(process.env).toEqual(before);
  });

  it('sets the logger from POWERTOOLS_LOG_LEVEL and names the service', async () => {
    const quiet = await depsFromEnv({ ...QUIET, POWERTOOLS_SERVICE_NAME: 'medins-claims' });
    const chatty = await depsFromEnv({
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'X',
    });

    expect(quiet.telemetry.logger.getLevelName()).toBe('SILENT');
    expect(chatty.telemetry.logger.getLevelName()).toBe('DEBUG');
  });

  it('refuses to send where nothing is configured: no queue URL, no state machine, no notification channel', async () => {
    const deps = await depsFromEnv({ ...QUIET, CLAIMS_QUEUE_URL: 'https://q/claims' });

    await expect(deps.queue.send('enrollments', '{}')).rejects.toMatchObject({ name: 'ConfigurationError', entity: 'enrollments' });
    await expect(deps.starter.run('claim', { event: {} as never, attempt: 0 }, 'c1')).rejects.toMatchObject({
      name: 'ConfigurationError',
      entity: 'claim',
    });
    await expect(deps.notifier.send({ id: 'n', to: 'm1', maskedRecipient: '*', maskedPhone: null, kind: 'k', text: 't' })).rejects.toThrow(
      ConfigurationError,
    );
  });

  it('writes notifications to MEDINS_NOTIFICATIONS_FILE when there is no topic', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'medins-aws-')), 'notifications.jsonl');
    const deps = await depsFromEnv({ ...QUIET, MEDINS_NOTIFICATIONS_FILE: path });

    await deps.notifier.send({ id: 'n1', to: 'm1', maskedRecipient: '*', maskedPhone: null, kind: 'k', text: 't' });

    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ id: 'n1' });
  });
});

describe('awsClients', () => {
  it('gives every client the store client’s quiet logger, not the SDK’s default', async () => {
    const clients = awsClients();

    for (const client of Object.values(clients)) expect(client.config.logger).toBe(QUIET_SDK_LOGGER);
    expect(Object.keys(clients).sort()).toEqual(['sfn', 'sns', 'sqs']);
    expect(documentClient().config.logger).toBe(QUIET_SDK_LOGGER);
  });
});

describe('onAws', () => {
  it('builds the deps from process.env on the first invocation only, shared by every handler of the process', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
    vi.stubEnv('POLICY_PAGE_SIZE', '42');
    const seen: HandlerDeps[] = [];
    const factory = (deps: HandlerDeps) => {
      seen.push(deps);
      return async (event: number) => event + deps.policyPageSize;
    };

    // Act
    const one = onAws(factory);
    const two = onAws(factory);
    expect(seen).toEqual([]);
    const answers = [await one(1), await one(2), await two(3)];

    // Assess
    expect(answers).toEqual([43, 44, 45]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
  });
});
