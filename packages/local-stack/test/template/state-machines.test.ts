import { describe, expect, it } from 'vitest';
import { readTemplate, TemplateError } from '../../src/index.ts';

const SQS = 'http://127.0.0.1:4599';
const fn = { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' }, Metadata: { 'medins:handler': 'claims/check' } };

describe('state machine rendering', () => {
  it('applies DefinitionSubstitutions to a DefinitionString', () => {
    // Prepare
    const template = {
      Resources: {
        Fn: fn,
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${CheckArn}","End":true}}}',
            DefinitionSubstitutions: { CheckArn: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
            StateMachineType: 'EXPRESS',
          },
        },
      },
    };
    // Act
    const flow = readTemplate(template, { sqsEndpoint: SQS }).stateMachines.Flow;
    // Assess
    expect(flow?.type).toBe('EXPRESS');
    expect(flow?.definition.States.A).toMatchObject({ Resource: 'arn:aws:lambda:local:000000000000:function:Fn' });
  });

  it('renders an object Definition and resolves Lambda versions and aliases to qualified placeholder ARNs', () => {
    const template = {
      Resources: {
        Fn: fn,
        Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Fn' }, Name: 'live' } },
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { Definition: { StartAt: 'A', States: { A: { Type: 'Task', Resource: { Ref: 'Live' }, End: true } } } },
        },
      },
    };
    const flow = readTemplate(template, { sqsEndpoint: SQS }).stateMachines.Flow;
    expect(flow?.definition.States.A).toMatchObject({ Resource: 'arn:aws:lambda:local:000000000000:function:Fn:live' });
  });

  it('refuses a definition kept in S3 and one that is not ASL', () => {
    const s3 = {
      Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionS3Location: { Bucket: 'b', Key: 'k' } } } },
    };
    expect(() => readTemplate(s3, { sqsEndpoint: SQS })).toThrow(/DefinitionS3Location/);
    const bad = { Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: '{"Comment":"x"}' } } } };
    expect(() => readTemplate(bad, { sqsEndpoint: SQS })).toThrow(TemplateError);
  });
});
