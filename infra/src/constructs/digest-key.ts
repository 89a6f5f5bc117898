/**
 * infra → constructs: the key of the personal-data digests (engine's
 * core/personal.ts): names, ID numbers and phones are kept only as HMAC-SHA-256
 * digests under this key. A Secrets Manager secret the stack generates (a
 * 64-character random string), encrypted with the stack's key, readable only by
 * the functions that seal what enters (the HTTP API).
 */
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { acknowledge } from '../nag/acknowledge.ts';

export interface DigestKeyProps {
  readonly key: kms.IKey;
  readonly settings: StageSettings;
}

/** The environment variable a sealing function finds the secret by. */
const DIGEST_KEY_ENV = 'MEDINS_DIGEST_KEY_SECRET_ARN';

export class DigestKey extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DigestKeyProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `medins ${props.settings.stage}: the key of the personal-data digests (HMAC-SHA-256)`,
      encryptionKey: props.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it would make every stored digest unmatchable: kept as the tables are.
      removalPolicy: props.settings.removalPolicy,
    });
    acknowledge(this.secret, ['AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled'], 'digestKeyRotation');
  }

  /** Lets `fn` read the key (GetSecretValue on this secret, Decrypt under the stack key) and tells it where. */
  grantTo(fn: iam.IGrantable & { addEnvironment(name: string, value: string): unknown }): void {
    this.secret.grantRead(fn);
    fn.addEnvironment(DIGEST_KEY_ENV, this.secret.secretArn);
  }
}
