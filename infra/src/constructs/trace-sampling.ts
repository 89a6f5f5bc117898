/**
 * infra → constructs: X-Ray sampling of the Express workflows. One rule per state
 * machine, matching it alone (service type and its generated name), at the rate
 * the stage sets; a stage without one leaves X-Ray's default rule (1 a second,
 * then 5 %). At month-end rates the default traces about a tenth of all claims,
 * each a trace billed; a small fixed rate keeps enough to diagnose by
 * (docs/cost.md). The renewal campaign is not sampled here: one execution a year.
 */

import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';

export interface TraceSamplingProps {
  readonly settings: StageSettings;
  /** By workflow name (the `medins:workflow` metadata). */
  readonly stateMachines: Readonly<Record<string, sfn.StateMachine>>;
}

export class TraceSampling extends Construct {
  readonly rules: xray.CfnSamplingRule[] = [];

  constructor(scope: Construct, id: string, props: TraceSamplingProps) {
    super(scope, id);
    const sampling = props.settings.workflowTraceSampling;
    if (!sampling) return;
    for (const [name, stateMachine] of Object.entries(props.stateMachines)) {
      const rule = new xray.CfnSamplingRule(this, name, {
        samplingRule: {
          // At most 32 characters, unique in the account and region.
          ruleName: `medins-${props.settings.stage}-${name}`.slice(0, 32),
          priority: 100,
          fixedRate: sampling.fixedRate,
          reservoirSize: sampling.reservoirPerSecond,
          serviceType: 'AWS::StepFunctions::StateMachine',
          serviceName: stateMachine.stateMachineName,
          host: '*',
          httpMethod: '*',
          urlPath: '*',
          resourceArn: '*',
          version: 1,
        },
      });
      rule.addMetadata('medins:samples', name);
      this.rules.push(rule);
    }
  }
}
