/**
 * SQS requests of this process answered by fauxqs's own action functions, the
 * ones its router calls, on the same store, without serializing, signing and
 * parsing a request in between. On AWS neither side of that exchange runs on our
 * compute: the event source mapping receives and deletes outside the Lambdas, and
 * the API's send is measured on its own. Locally the SDK's work per request cost
 * more Node CPU than the queue itself (docs/performance.md).
 *
 * What stays the same: the command objects callers build, the client's
 * initialize-step middleware (fauxqs's text limit, the SDK's MD5 checks), and
 * every rule fauxqs applies (queue limits, visibility, receive counts, redrive to
 * the dead-letter queue), because the same functions apply it. Input and output
 * go through JSON as on the wire, so no caller shares an object with the store.
 * Operations not listed (CreateQueue reads the request's host) go through the
 * client's request handler as before.
 */
import * as sqsModule from '@aws-sdk/client-sqs';
import { type ServiceInputTypes, type ServiceOutputTypes, SQSServiceException } from '@aws-sdk/client-sqs';
import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';
import { fromFauxqsDist } from './fauxqs-dist.ts';

/** One of fauxqs's SQS actions: the parsed JSON body and the store in, the JSON response out (or an SqsError thrown). */
type SqsAction = (body: unknown, store: unknown) => unknown;

/** The operations answered directly, by fauxqs's module name (its `dist/sqs/actions/<name>.js`). */
const DIRECT = [
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'GetQueueAttributes',
] as const;

/** fauxqs's actions for the direct operations, by command name (`SendMessageCommand`). */
export type SqsActions = ReadonlyMap<string, SqsAction>;

/** Loads the actions from fauxqs's dist folder (private paths: fauxqs-dist.ts). */
export function loadSqsActions(): Promise<SqsActions> {
  return fromFauxqsDist('loadSqsActions() in sqs-direct.ts', async (dist) => {
    const pairs = await Promise.all(
      DIRECT.map(async (op) => {
        const file = `${op.charAt(0).toLowerCase()}${op.slice(1)}`;
        const action = (await dist(`sqs/actions/${file}.js`))[file];
        if (typeof action !== 'function') throw new Error(`sqs/actions/${file}.js exports no ${file}()`);
        return [`${op}Command`, action as SqsAction] as const;
      }),
    );
    return new Map(pairs);
  });
}

/** The middleware's name, for a watcher that must run before it (`addRelativeTo`). */
export const DIRECT_MIDDLEWARE_NAME = 'fauxqsDirect';

/** Where the middleware sits: last of the initialize step, after every caller-visible input change. */
export const DIRECT_MIDDLEWARE: InitializeHandlerOptions & AbsoluteLocation & { name: string } = {
  step: 'initialize',
  priority: 'low',
  name: DIRECT_MIDDLEWARE_NAME,
};

/**
 * An initialize-step middleware that answers the direct operations from `store`
 * and passes every other command on. Add it to an SQSClient with
 * `DIRECT_MIDDLEWARE`.
 *
 * @example
 * ```ts
 * client.middlewareStack.add(directSqsMiddleware(actions, sqsStore), DIRECT_MIDDLEWARE);
 * ```
 */
export function directSqsMiddleware(actions: SqsActions, store: unknown): InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next, context) => {
    const action = actions.get(context.commandName ?? '');
    if (!action) return next;
    return async (args) => {
      const body = JSON.parse(JSON.stringify(args.input)) as unknown;
      let result: unknown;
      try {
        result = await action(body, store);
      } catch (thrown) {
        throw serviceException(thrown);
      }
      const output = JSON.parse(JSON.stringify(result ?? {})) as ServiceOutputTypes;
      return { output: { ...output, $metadata: { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 } }, response: undefined };
    };
  };
}

type ServiceExceptionClass = new (options: { message: string; $metadata: { httpStatusCode: number } }) => SQSServiceException;

/** The SDK's typed SQS errors by code (`QueueDoesNotExist`, `InvalidMessageContents`, …). */
const TYPED_ERRORS = new Map(
  (Object.entries(sqsModule) as [string, unknown][]).filter(
    (entry): entry is [string, ServiceExceptionClass] =>
      typeof entry[1] === 'function' && entry[1].prototype instanceof SQSServiceException,
  ),
);

/**
 * fauxqs's SqsError as the SDK surfaces a service error: the SDK's class for its
 * code where there is one (as the JSON protocol's deserializer picks it), else an
 * SQSServiceException named after the code; the HTTP status in `$metadata`.
 */
function serviceException(thrown: unknown): unknown {
  const e = thrown as { code?: unknown; message?: unknown; statusCode?: unknown; senderFault?: unknown };
  if (typeof e?.code !== 'string') return thrown;
  const message = String(e.message);
  const $metadata = { httpStatusCode: typeof e.statusCode === 'number' ? e.statusCode : 400 };
  const Typed = TYPED_ERRORS.get(e.code);
  if (Typed) return new Typed({ message, $metadata });
  return new SQSServiceException({ name: e.code, message, $fault: e.senderFault === false ? 'server' : 'client', $metadata });
}
