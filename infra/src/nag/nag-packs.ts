/**
 * infra → nag: the rule packs every synthesis runs, as CDK validation plugins
 * (cdk-nag 3). A finding that is neither fixed nor acknowledged with its rule id
 * and reason (see acknowledgements.ts) fails the synthesis: `app.synth()` throws
 * in-process and `cdk synth` exits 1, errors and warnings alike.
 */
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Adds the AwsSolutions, Serverless and HIPAA Security packs to a scope (the app).
 * Acknowledged findings are also written into the template's Metadata
 * (`cdk_nag.rules_to_suppress`), the audit trail compliance tools read.
 *
 * @example
 * const app = new App();
 * applyNagPacks(app);
 */
export function applyNagPacks(scope: IConstruct): void {
  const props = { verbose: true, writeSuppressionsToCloudFormation: true };
  Validations.of(scope).addPlugins(
    new AwsSolutionsChecks(scope, props),
    new ServerlessChecks(scope, { verbose: true }),
    new HIPAASecurityChecks(scope, { verbose: true }),
  );
}
