/**
 * Reading the template for the local stack: the batch size of the event source
 * mapping that consumes each queue (what the local queue workers receive at once).
 */
import type { CfnTemplate } from '@medins/local-stack';
import { describe, expect, it } from 'vitest';
import { batchSizesByQueue, logicalIdsByMetadata } from '../src/template-roles.ts';

describe('batchSizesByQueue', () => {
  it('maps each consumed queue to its mapping BatchSize, CloudFormation default 10 when unset', () => {
    const template = {
      Resources: {
        Claims: { Type: 'AWS::SQS::Queue', Metadata: { 'medins:queue': 'claims' } },
        Enrollments: { Type: 'AWS::SQS::Queue', Metadata: { 'medins:queue': 'enrollments' } },
        ClaimsMapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: { 'Fn::GetAtt': ['Claims', 'Arn'] }, BatchSize: 7, FunctionName: { Ref: 'Fn' } },
        },
        EnrollmentsMapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: { 'Fn::GetAtt': ['Enrollments', 'Arn'] }, FunctionName: { Ref: 'Fn' } },
        },
        Stream: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: 'arn:aws:kinesis:x', BatchSize: 100 } },
      },
    } as unknown as CfnTemplate;
    const ids = logicalIdsByMetadata(template, 'medins:queue');
    expect(batchSizesByQueue(template)).toEqual({ [ids.claims!]: 7, [ids.enrollments!]: 10 });
  });
});
