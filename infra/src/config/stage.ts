/**
 * infra → config: what changes between the `dev` and `prod` stages. Everything
 * else in the stack is the same in both, so a dev deployment exercises the
 * production shape with cheaper retention and looser alarms.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StageError } from '../errors.ts';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** Reserved concurrency and the event source's cap for one queue consumer. */
export interface ConsumerConcurrency {
  /** Reserved concurrency of the consumer function (its ceiling and its guarantee). */
  readonly reserved: number;
  /** The SQS event source's maxConcurrency (2 … reserved). */
  readonly maxConcurrency: number;
}

/** An X-Ray sampling rule: the first `reservoirPerSecond` requests each second, then `fixedRate` of the rest. */
export interface TraceSampling {
  readonly fixedRate: number;
  readonly reservoirPerSecond: number;
}

export interface StageSettings {
  readonly stage: Stage;
  /** RETAIN in prod: a stack deletion never takes medical or financial data with it. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly terminationProtection: boolean;
  readonly logRetention: RetentionDays;
  /**
   * Powertools LOG_LEVEL and Lambda's application log level (JSON logging). prod logs
   * warnings and errors only: outcomes are metrics, results are in the events table,
   * and every INFO line is ingestion paid per claim (docs/cost.md).
   */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN';
  /**
   * X-Ray sampling of the Express workflows (claims, member events), one rule per
   * state machine; undefined: X-Ray's default rule (1 a second, then 5 %). The
   * renewal campaign keeps the default: one execution a year, always traced.
   */
  readonly workflowTraceSampling: TraceSampling | undefined;
  readonly alarms: {
    /** A dead-letter queue alarms when more messages than this are visible. */
    readonly deadLetterMessages: number;
    /** A state machine alarms when more executions than this failed in one period. */
    readonly failedExecutions: number;
    /**
     * An ingestion queue alarms when its oldest message is older than this: the consumers
     * are stuck, throttled or failing. Above two visibility timeouts (6 min each), so one
     * message retried after a conflict or a transient error does not page anyone.
     */
    readonly oldestMessageAge: Duration;
    /** A table (reads or writes) or a function alarms when more requests than this were throttled in one period. */
    readonly throttles: number;
    readonly period: Duration;
  };
  readonly concurrency: {
    readonly claimsConsumer: ConsumerConcurrency;
    readonly enrollmentsConsumer: ConsumerConcurrency;
  };
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * The members' identity provider (a Cognito user pool or an OIDC issuer): the
   * JWT authorizer of the member routes accepts its tokens for this audience; the
   * token's `sub` is the member id. Placeholders here: a deploy names the real one
   * with `-c memberIssuer=… -c memberAudience=…` (build-app.ts).
   */
  readonly memberAuth: { readonly issuer: string; readonly audience: readonly string[] };
  /**
   * AWS Backup of every table (daily, kept this long), on top of point-in-time
   * recovery; undefined in dev, whose tables hold synthetic data only.
   */
  readonly backupRetention: Duration | undefined;
  /** Whether the autumn renewal schedule is enabled (dev campaigns are started by hand). */
  readonly renewalScheduleEnabled: boolean;
}

const SETTINGS: Readonly<Record<Stage, StageSettings>> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    terminationProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    logLevel: 'DEBUG',
    workflowTraceSampling: undefined,
    alarms: {
      deadLetterMessages: 5,
      failedExecutions: 5,
      oldestMessageAge: Duration.minutes(30),
      throttles: 5,
      period: Duration.minutes(5),
    },
    concurrency: {
      claimsConsumer: { reserved: 4, maxConcurrency: 4 },
      enrollmentsConsumer: { reserved: 2, maxConcurrency: 2 },
    },
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    memberAuth: { issuer: 'https://login.dev.medins.example', audience: ['medins-api'] },
    backupRetention: undefined,
    renewalScheduleEnabled: false,
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    terminationProtection: true,
    // 网络安全法 art. 21: network logs are kept for at least six months.
    logRetention: RetentionDays.SIX_MONTHS,
    logLevel: 'WARN',
    // 2 % of executions: at month-end rates (25 claims/s) one trace every two seconds, $0.10 per million claims.
    workflowTraceSampling: { fixedRate: 0.02, reservoirPerSecond: 0 },
    alarms: {
      deadLetterMessages: 0,
      failedExecutions: 0,
      oldestMessageAge: Duration.minutes(15),
      throttles: 0,
      period: Duration.minutes(1),
    },
    concurrency: {
      claimsConsumer: { reserved: 20, maxConcurrency: 20 },
      enrollmentsConsumer: { reserved: 10, maxConcurrency: 10 },
    },
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    memberAuth: { issuer: 'https://login.medins.example', audience: ['medins-api'] },
    backupRetention: Duration.days(365),
    renewalScheduleEnabled: true,
  },
};

/**
 * The settings of a stage; an unknown stage is a usage error named here.
 *
 * @example
 * const settings = stageSettings('prod'); // settings.deletionProtection === true
 */
export function stageSettings(stage: string): StageSettings {
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new StageError(`stage must be one of ${STAGES.join(', ')}, got "${stage}"`, { entity: 'stage' });
  }
  return SETTINGS[stage as Stage];
}
