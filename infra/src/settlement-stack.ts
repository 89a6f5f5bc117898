/**
 * infra: the one stack of the platform, wiring the constructs together in the
 * order data flows — key, tables, queues, functions, workflows, ingestion, API,
 * notifications, schedule, alarms, backup. docs/architecture.md is the map.
 */
import { EXECUTION_MARGIN_MS } from '@medins/functions/ingest/lanes';
import { CfnParameter, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { HANDLERS } from './config/handlers.ts';
import type { StageSettings } from './config/stage.ts';
import { Alarms } from './constructs/alarms.ts';
import { DigestKey } from './constructs/digest-key.ts';
import { EncryptionKey } from './constructs/encryption-key.ts';
import { Handlers } from './constructs/handlers.ts';
import { HttpApi } from './constructs/http-api.ts';
import { Ingest } from './constructs/ingest.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Notifications } from './constructs/notifications.ts';
import { addStackOutputs } from './constructs/outputs.ts';
import { Queues } from './constructs/queues.ts';
import { type RenewalCampaignProducts, RenewalSchedule } from './constructs/renewal-schedule.ts';
import { TableBackup } from './constructs/table-backup.ts';
import { Tables } from './constructs/tables.ts';
import { TraceEncryption } from './constructs/trace-encryption.ts';
import { TraceSampling } from './constructs/trace-sampling.ts';
import { suppressKnownFindings } from './nag/suppressions.ts';
import { ClaimWorkflow } from './workflows/claim-workflow.ts';
import { MemberEventWorkflow } from './workflows/member-event-workflow.ts';
import { RenewalWorkflow } from './workflows/renewal-workflow.ts';
import { ReviewWorkflow } from './workflows/review-workflow.ts';

/**
 * Policies per renewal page (`POLICY_PAGE_SIZE` of the list function): about
 * 100 KB of policies in the 256 KB state, and 2,000 pages of history per
 * execution make a million policies per campaign.
 */
const RENEWAL_PAGE_SIZE = 500;

/** Where the review-opening function and the claims consumer find the ReviewWorkflow. */
const REVIEW_WORKFLOW_ARN = 'REVIEW_WORKFLOW_ARN';

export interface SettlementStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly renewal: RenewalCampaignProducts;
  readonly alarmEmail?: string;
}

export class SettlementStack extends Stack {
  readonly key: EncryptionKey;
  readonly tables: Tables;
  readonly queues: Queues;
  readonly handlers: Handlers;
  readonly claimWorkflow: ClaimWorkflow;
  readonly memberEventWorkflow: MemberEventWorkflow;
  readonly renewalWorkflow: RenewalWorkflow;
  readonly reviewWorkflow: ReviewWorkflow;
  readonly ingest: Ingest;
  readonly api: HttpApi;
  readonly digestKey: DigestKey;
  readonly notifications: Notifications;
  readonly alarms: Alarms;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: SettlementStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.key = new EncryptionKey(this, 'Encryption', { settings });
    const key = this.key.key;
    this.tables = new Tables(this, 'Tables', { key, settings });
    const tables = this.tables.byRole;
    const consumerTimeout = Duration.seconds(HANDLERS['ingest/queue-consumer'].timeoutSeconds);
    this.queues = new Queues(this, 'Queues', { key, settings, consumerTimeout });

    this.handlers = new Handlers(this, 'Handlers', {
      settings,
      key,
      tables,
    });
    const fn = (k: Parameters<Handlers['get']>[0]) => this.handlers.get(k).fn;

    // Below the consumer's timeout: an execution never outlives the receive of its message (the consumer starts
    // none later than this margin into an invocation, functions/src/ingest/lanes.ts).
    const expressTimeout = Duration.millis(consumerTimeout.toMilliseconds() - EXECUTION_MARGIN_MS);
    this.claimWorkflow = new ClaimWorkflow(this, 'ClaimWorkflow', {
      functions: {
        checkEligibility: fn('claims/check-eligibility'),
        settleTiers: fn('claims/settle-tiers'),
        deductFromAccounts: fn('claims/deduct-from-accounts'),
        recordRejection: fn('events/record-rejection'),
        notify: fn('events/notify'),
        openReview: fn('review/open-review'),
      },
      deadLetterQueue: this.queues.claimsDeadLetter,
      key,
      settings,
      timeout: expressTimeout,
    });
    this.memberEventWorkflow = new MemberEventWorkflow(this, 'MemberEventWorkflow', {
      functions: {
        decide: fn('events/decide'),
        notify: fn('events/notify'),
      },
      deadLetterQueue: this.queues.enrollmentsDeadLetter,
      key,
      settings,
      timeout: expressTimeout,
    });
    // A held claim's review (人工审核): Standard, it waits for a reviewer; a decision resumes it.
    this.reviewWorkflow = new ReviewWorkflow(this, 'ReviewWorkflow', {
      functions: {
        publishTask: fn('review/publish-task'),
        closeTask: fn('review/close-task'),
        decide: fn('events/decide'),
        notify: fn('events/notify'),
      },
      deadLetterQueue: this.queues.claimsDeadLetter,
      key,
      settings,
    });
    this.handlers.get('review/open-review').starts(this.reviewWorkflow.stateMachine, REVIEW_WORKFLOW_ARN);
    this.renewalWorkflow = new RenewalWorkflow(this, 'RenewalWorkflow', {
      functions: {
        startCampaign: fn('renewal/start-campaign'),
        listPolicyPage: fn('renewal/list-policy-page'),
        renewPolicyPage: fn('renewal/renew-policy-page'),
        finishCampaign: fn('renewal/finish-campaign'),
      },
      key,
      settings,
    });
    fn('renewal/list-policy-page').addEnvironment('POLICY_PAGE_SIZE', String(RENEWAL_PAGE_SIZE));

    this.ingest = new Ingest(this, 'Ingest', {
      settings,
      key,
      tables,
      claimsQueue: this.queues.claims,
      claimsDeadLetterQueue: this.queues.claimsDeadLetter,
      enrollmentsQueue: this.queues.enrollments,
      enrollmentsDeadLetterQueue: this.queues.enrollmentsDeadLetter,
      claimWorkflow: this.claimWorkflow.stateMachine,
      memberEventWorkflow: this.memberEventWorkflow.stateMachine,
    });

    // Decisions arrive on the claims queue: its consumer resumes the waiting review.
    this.ingest.claimsConsumer.resumesTasksOf(this.reviewWorkflow.stateMachine, REVIEW_WORKFLOW_ARN);

    // Quotes are decided on a snapshot in the API function itself: no workflow, nothing written.
    this.handlers.get('api/http').sendsTo(this.queues.claims, 'CLAIMS_QUEUE_URL').sendsTo(this.queues.enrollments, 'ENROLLMENTS_QUEUE_URL');
    this.api = new HttpApi(this, 'HttpApi', { handler: fn('api/http'), key, settings });
    // The public keys the API verifies e-vouchers, face statements and member tokens with (README,
    // "Credentials"): given at deploy time, never a private key. Without them claims and quotes are
    // refused as a deployment error, never accepted unverified.
    const credentialKeys = new CfnParameter(this, 'CredentialPublicKeys', {
      type: 'String',
      default: '',
      description: 'JSON {voucher, face, member} of public JWKs (ES256) the API verifies credentials with.',
    });
    fn('api/http').addEnvironment('MEDINS_CREDENTIAL_KEYS', credentialKeys.valueAsString);
    // Personal data is sealed where it enters (keyed digests): only the API holds the key.
    this.digestKey = new DigestKey(this, 'DigestKey', { key, settings });
    this.digestKey.grantTo(fn('api/http'));

    this.notifications = new Notifications(this, 'Notifications', {
      key,
      publishers: [this.handlers.get('events/notify'), this.handlers.get('renewal/renew-policy-page')],
    });

    new TraceEncryption(this, 'TraceEncryption', { key, settings });

    new TraceSampling(this, 'TraceSampling', {
      settings,
      stateMachines: {
        ClaimWorkflow: this.claimWorkflow.stateMachine,
        MemberEventWorkflow: this.memberEventWorkflow.stateMachine,
      },
    });

    new RenewalSchedule(this, 'RenewalSchedule', {
      stateMachine: this.renewalWorkflow.stateMachine,
      products: props.renewal,
      enabled: settings.renewalScheduleEnabled,
    });

    this.alarms = new Alarms(this, 'Alarms', {
      key,
      settings,
      deadLetterQueues: {
        claims: this.queues.claimsDeadLetter,
        enrollments: this.queues.enrollmentsDeadLetter,
      },
      stateMachines: {
        ClaimWorkflow: this.claimWorkflow.stateMachine,
        MemberEventWorkflow: this.memberEventWorkflow.stateMachine,
        RenewalWorkflow: this.renewalWorkflow.stateMachine,
        ReviewWorkflow: this.reviewWorkflow.stateMachine,
      },
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      settings,
      alarmTopic: this.alarms.topic,
      api: this.api.api,
      queues: {
        claims: { queue: this.queues.claims, deadLetterQueue: this.queues.claimsDeadLetter },
        enrollments: { queue: this.queues.enrollments, deadLetterQueue: this.queues.enrollmentsDeadLetter },
      },
      stateMachines: {
        ClaimWorkflow: this.claimWorkflow.stateMachine,
        MemberEventWorkflow: this.memberEventWorkflow.stateMachine,
        RenewalWorkflow: this.renewalWorkflow.stateMachine,
        ReviewWorkflow: this.reviewWorkflow.stateMachine,
      },
      functions: {
        ...Object.fromEntries(this.handlers.all().map((h) => [h.handlerKey, h.fn])),
        'ingest/claims-consumer': this.ingest.claimsConsumer.fn,
        'ingest/enrollments-consumer': this.ingest.enrollmentsConsumer.fn,
      },
      tables,
    });

    if (settings.backupRetention) {
      new TableBackup(this, 'Backup', {
        key,
        settings,
        tables: Object.values(tables),
        retention: settings.backupRetention,
      });
    }

    addStackOutputs(this, {
      apiUrl: this.api.url,
      claimsQueueUrl: this.queues.claims.queueUrl,
      enrollmentsQueueUrl: this.queues.enrollments.queueUrl,
      claimsDeadLetterQueueUrl: this.queues.claimsDeadLetter.queueUrl,
      enrollmentsDeadLetterQueueUrl: this.queues.enrollmentsDeadLetter.queueUrl,
      alarmTopicArn: this.alarms.topic.topicArn,
      dashboardName: this.monitoring.dashboardName,
      digestKeySecretArn: this.digestKey.secret.secretArn,
      tables,
    });

    suppressKnownFindings(this);
  }
}
