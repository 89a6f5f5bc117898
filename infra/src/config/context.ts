/**
 * infra → config: the CDK context of the repository (`cdk.json`), read once so
 * that an app built in-process (tests, the local stack) gets the same feature
 * flags as `cdk synth`, and the values the app takes from context.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CDK_JSON = fileURLToPath(new URL('../../../cdk.json', import.meta.url));

/** Defaults of the offline synthesis: no account, no credentials, data in mainland China. */
export const DEFAULT_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'cn-northwest-1';

/** The `context` block of cdk.json (feature flags and defaults). */
export function repositoryContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}
