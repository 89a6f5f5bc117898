/**
 * functions → shared: what handlers are built from. Every handler module exports
 * `create(deps)`, a factory that receives its ports, its clock and its telemetry,
 * and `handler`, the Lambda entry, which builds the handler from the environment
 * on its first invocation (adapters/aws.ts) — never at import. The embedded stack
 * and the unit tests call `create` with their own dependencies.
 */
import type { Digester } from '@medins/engine';
import type { ApiStore, EventStore, FailureStore, HsaStore, RenewalStore, ReviewTaskStore } from '@medins/store/ports';
import type { CredentialVerifier } from '../api/credentials.ts';
import type { Clock } from './clock.ts';
import type { Notifier } from './notifier.ts';
import type { QueueSender } from './queue-sender.ts';
import type { ReviewDesk } from './review-desk.ts';
import type { Handler, Telemetry } from './telemetry.ts';
import type { WorkflowStarter } from './workflow-starter.ts';

/** Everything any handler may be given; each `create` names the part it takes. */
export interface HandlerDeps {
  readonly store: EventStore & RenewalStore & ApiStore & FailureStore & HsaStore & ReviewTaskStore;
  readonly telemetry: Telemetry;
  readonly clock: Clock;
  readonly notifier: Notifier;
  readonly queue: QueueSender;
  readonly starter: WorkflowStarter;
  /** Starts held claims' reviews and resumes them with decisions (Step Functions' callback pattern); unset: a held claim fails as misconfigured. */
  readonly reviews?: ReviewDesk;
  /** Verifies the credentials the HTTP API is presented (public keys from configuration); unset: claims and quotes fail as misconfigured. */
  readonly credentials?: CredentialVerifier;
  /**
   * Seals personal data where it enters (the HTTP API): the keyed digest, its key
   * from Secrets Manager on AWS; unset, a request carrying personal data fails as
   * misconfigured.
   */
  readonly digest?: Digester;
  /** Where the queue consumer parks invalid messages. */
  readonly deadLetterQueueUrl?: string;
  /** The consumed queue's `maxReceiveCount` (its redrive policy): the last delivery of a message. */
  readonly maxReceiveCount?: number;
  /** Policies per page of a renewal campaign (read at each call: the function's configuration). */
  readonly policyPageSize: number;
}

/**
 * The Lambda entry of a handler factory: the dependencies are built on the first
 * invocation (connections and the catalog cache then live as long as the container).
 *
 * @example
 * ```ts
 * export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry'>) => deps.telemetry.wrap(async (state) => …);
 * export const handler = lambdaHandler(create);
 * ```
 */
export function lambdaHandler<D, E, R>(create: (deps: D) => Handler<E, R>, deps: () => Promise<D>): Handler<E, R> {
  let built: Promise<Handler<E, R>> | undefined;
  return async (event, context) => {
    built ??= deps().then(create);
    return (await built)(event, context);
  };
}
