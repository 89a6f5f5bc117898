/**
 * functions → adapters: the composition root on AWS. The only module that reads
 * the Lambda environment and builds the DynamoDB store, the SNS notifier, the SQS
 * sender and the Step Functions starter; handlers get them through `create(deps)`.
 */

import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ConfigurationError } from '@medins/engine';
import { QUIET_SDK_LOGGER, Store } from '@medins/store';
import { credentialVerifier, parsePublicKeys } from '../api/credentials.ts';
import { systemClock } from '../shared/clock.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { lambdaHandler } from '../shared/handler.ts';
import { fileNotifier, type Notifier, snsNotifier } from '../shared/notifier.ts';
import { sqsSender } from '../shared/queue-sender.ts';
import { sfnReviewDesk } from '../shared/review-desk.ts';
import { createTelemetry, type Handler, type LogLevel, loadTracer } from '../shared/telemetry.ts';
import { sfnStarter } from '../shared/workflow-starter.ts';
import { digesterFromSecret } from './digest-key.ts';

/** Policies per renewal page unless POLICY_PAGE_SIZE says otherwise. */
export const POLICY_PAGE_SIZE = 100;

/**
 * The SDK clients the handlers send with besides the store's, each with the logger
 * the store's client has: one that builds no redacted copy of every request and
 * response for levels nobody reads (docs/performance.md, issue 15's fourth step).
 */
export function awsClients() {
  const config = { logger: QUIET_SDK_LOGGER };
  return { sqs: new SQSClient(config), sfn: new SFNClient(config), sns: new SNSClient(config) };
}

function notifierOf(env: NodeJS.ProcessEnv, sns: SNSClient): Notifier {
  const unset: Notifier = {
    send: async () => {
      throw new ConfigurationError('no notification channel: set NOTIFICATION_TOPIC_ARN or MEDINS_NOTIFICATIONS_FILE', {
        entity: 'NOTIFICATION_TOPIC_ARN',
      });
    },
  };
  if (env.NOTIFICATION_TOPIC_ARN) return snsNotifier(env.NOTIFICATION_TOPIC_ARN, sns);
  if (env.MEDINS_NOTIFICATIONS_FILE) return fileNotifier(env.MEDINS_NOTIFICATIONS_FILE);
  return unset;
}

/**
 * The dependencies of any handler, from a Lambda's environment (tables, queues,
 * topic, state machines, logging; the digest key for the functions given its secret).
 */
export async function depsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<HandlerDeps> {
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? 'medins';
  const clients = awsClients();
  return {
    store: Store.fromEnv(env, []),
    telemetry: createTelemetry({
      serviceName,
      ...(env.POWERTOOLS_LOG_LEVEL ? { logLevel: env.POWERTOOLS_LOG_LEVEL as LogLevel } : {}),
      ...(env.POWERTOOLS_METRICS_NAMESPACE ? { metricsNamespace: env.POWERTOOLS_METRICS_NAMESPACE } : {}),
      ...(env.POWERTOOLS_TRACE_ENABLED !== 'false' ? { tracer: await loadTracer(serviceName) } : {}),
    }),
    clock: systemClock,
    notifier: notifierOf(env, clients.sns),
    queue: sqsSender({ claims: env.CLAIMS_QUEUE_URL, enrollments: env.ENROLLMENTS_QUEUE_URL }, clients.sqs),
    starter: sfnStarter({ claim: env.CLAIM_WORKFLOW_ARN, memberEvent: env.MEMBER_EVENT_WORKFLOW_ARN }, clients.sfn),
    ...(env.REVIEW_WORKFLOW_ARN ? { reviews: sfnReviewDesk(env.REVIEW_WORKFLOW_ARN, clients.sfn) } : {}),
    // The public keys of the credential issuers (platform e-voucher key, face verifier, member issuer), from the
    // stage's configuration: on AWS the platform key is a KMS asymmetric key whose public half is exported once.
    ...(env.MEDINS_CREDENTIAL_KEYS ? { credentials: credentialVerifier(parsePublicKeys(env.MEDINS_CREDENTIAL_KEYS)) } : {}),
    ...(env.MEDINS_DIGEST_KEY_SECRET_ARN ? { digest: await digesterFromSecret(env.MEDINS_DIGEST_KEY_SECRET_ARN) } : {}),
    ...(env.DEAD_LETTER_QUEUE_URL ? { deadLetterQueueUrl: env.DEAD_LETTER_QUEUE_URL } : {}),
    ...(env.MAX_RECEIVE_COUNT ? { maxReceiveCount: Number(env.MAX_RECEIVE_COUNT) } : {}),
    policyPageSize: Number(env.POLICY_PAGE_SIZE ?? POLICY_PAGE_SIZE),
  };
}

let shared: Promise<HandlerDeps> | undefined;

/** A handler's Lambda entry: built from the environment on its first invocation. */
export function onAws<E, R>(create: (deps: HandlerDeps) => Handler<E, R>): Handler<E, R> {
  return lambdaHandler(create, () => {
    shared ??= depsFromEnv().catch((e: unknown) => {
      shared = undefined; // a failed start (the secret unreadable for a moment) is tried again on the next invocation
      throw e;
    });
    return shared;
  });
}
