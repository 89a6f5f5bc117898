/**
 * infra → constructs: one function per handler key, shared by whoever needs it
 * (`events/decide` serves the member-event and the review workflows). The two queue consumers share the
 * `ingest/queue-consumer` code but are separate functions: see `Ingest`.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { HANDLER_KEYS, type HandlerKey } from '../config/handlers.ts';
import type { StageSettings } from '../config/stage.ts';
import type { TableRole } from '../config/tables.ts';
import { MissingHandlerError } from '../errors.ts';
import { HandlerFunction } from './handler-function.ts';

/** The keys built here: every key but the queue consumer's, which `Ingest` builds twice. */
export type SharedHandlerKey = Exclude<HandlerKey, 'ingest/queue-consumer'>;

export interface HandlersProps {
  readonly settings: StageSettings;
  readonly key: kms.IKey;
  readonly tables: Readonly<Record<TableRole, dynamodb.ITable>>;
  /** Reserved concurrency by key, for the functions that must not starve the others. */
  readonly reservedConcurrency?: Readonly<Partial<Record<SharedHandlerKey, number>>>;
}

/** `claims/check-eligibility` → `ClaimsCheckEligibility`: stable, readable logical ids. */
export const constructIdOf = (key: string): string =>
  key
    .split(/[/-]/u)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export class Handlers extends Construct {
  private readonly byKey = new Map<SharedHandlerKey, HandlerFunction>();

  constructor(scope: Construct, id: string, props: HandlersProps) {
    super(scope, id);
    for (const key of HANDLER_KEYS) {
      if (key === 'ingest/queue-consumer') continue;
      const reserved = props.reservedConcurrency?.[key];
      this.byKey.set(
        key,
        new HandlerFunction(this, constructIdOf(key), {
          handlerKey: key,
          settings: props.settings,
          key: props.key,
          tables: props.tables,
          ...(reserved === undefined ? {} : { reservedConcurrency: reserved }),
        }),
      );
    }
  }

  /** The function of a key. */
  get(key: SharedHandlerKey): HandlerFunction {
    const found = this.byKey.get(key);
    if (!found) throw new MissingHandlerError(`no function for handler ${key}`, { entity: key });
    return found;
  }

  /** Every function built here. */
  all(): HandlerFunction[] {
    return [...this.byKey.values()];
  }
}
