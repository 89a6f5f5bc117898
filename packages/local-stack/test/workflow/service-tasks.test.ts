import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { type AslDefinition, createWorkflow } from '../../src/index.ts';
import { serviceTarget } from '../../src/workflow/service-tasks.ts';

/** A client that records commands and answers with `reply`. */
function fakeClient(reply: (command: { constructor: { name: string }; input: Record<string, unknown> }) => unknown) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return reply(command);
    },
  };
  return { client, sent };
}

describe('serviceTarget', () => {
  it('recognises optimized and SDK integrations and names their errors as Step Functions does', () => {
    expect(serviceTarget('S', 'arn:aws:states:::dynamodb:putItem')).toEqual({
      service: 'dynamodb',
      action: 'putItem',
      optimized: true,
      errorPrefix: 'DynamoDB',
    });
    expect(serviceTarget('S', 'arn:aws-cn:states:::aws-sdk:dynamodb:query')).toMatchObject({ optimized: false, errorPrefix: 'DynamoDb' });
    expect(serviceTarget('S', 'arn:aws:states:::sqs:sendMessage')).toMatchObject({ service: 'sqs', errorPrefix: 'SQS' });
    expect(serviceTarget('S', 'arn:aws:states:::lambda:invoke')).toBeUndefined();
    expect(() => serviceTarget('S', 'arn:aws:states:::dynamodb:scan')).toThrow(/not supported locally/);
  });
});

describe('DynamoDB and SQS tasks', () => {
  it('sends PutItem in API shape and adds the SDK metadata the optimized integration returns', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => ({ $metadata: { requestId: 'r-1' } }));
    const definition: AslDefinition = {
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 't', Item: { pk: { 'S.$': '$.id' } } },
          End: true,
        },
      },
    };
    // Act
    const result = await createWorkflow({ stateMachine: definition, dynamodb: client as unknown as DynamoDBClient }).run({ id: 'c-1' });
    // Assess
    expect(sent).toEqual([{ name: 'PutItemCommand', input: { TableName: 't', Item: { pk: { S: 'c-1' } } } }]);
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: { SdkHttpMetadata: { HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: 'r-1' } },
    });
  });

  it('routes a failed condition to Catch as DynamoDB.ConditionalCheckFailedException', async () => {
    const { client } = fakeClient(() => {
      throw Object.assign(new Error('The conditional request failed'), {
        name: 'ConditionalCheckFailedException',
        $metadata: { httpStatusCode: 400 },
      });
    });
    const definition: AslDefinition = {
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 't', Item: {} },
          Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'Duplicate' }],
          End: true,
        },
        Duplicate: { Type: 'Succeed' },
      },
    };
    const result = await createWorkflow({ stateMachine: definition, dynamodb: client as unknown as DynamoDBClient }).run({});
    expect(result.states.map((s) => s.name)).toEqual(['Put', 'Duplicate']);
    expect(result.status === 'SUCCEEDED' && result.output).toMatchObject({ Error: 'DynamoDB.ConditionalCheckFailedException' });
  });

  it('round-trips binary attributes as base64 text', async () => {
    const { client, sent } = fakeClient(() => ({ Item: { b: { B: new Uint8Array([104, 105]) } }, $metadata: {} }));
    const definition: AslDefinition = {
      StartAt: 'Get',
      States: {
        Get: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem',
          Parameters: { TableName: 't', Key: { b: { B: 'aGk=' } } },
          End: true,
        },
      },
    };
    const result = await createWorkflow({ stateMachine: definition, dynamodb: client as unknown as DynamoDBClient }).run({});
    expect(Buffer.from((sent[0]!.input.Key as { b: { B: Uint8Array } }).b.B).toString()).toBe('hi');
    // The SDK integration returns the API response only.
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Item: { b: { B: 'aGk=' } } } });
  });

  it('sends a JSON MessageBody as its text', async () => {
    const { client, sent } = fakeClient(() => ({ MessageId: 'm-1', $metadata: {} }));
    const definition: AslDefinition = {
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: 'http://q', MessageBody: { 'id.$': '$.id' } },
          End: true,
        },
      },
    };
    const result = await createWorkflow({ stateMachine: definition, sqs: client as unknown as SQSClient }).run({ id: 'c-9' });
    expect(sent[0]?.input).toEqual({ QueueUrl: 'http://q', MessageBody: '{"id":"c-9"}' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { MessageId: 'm-1' } });
  });

  it('reports an endpoint that does not answer as <Service>.SdkClientException', async () => {
    const { client } = fakeClient(() => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' });
    });
    const definition: AslDefinition = {
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q', MessageBody: 'x' }, End: true },
      },
    };
    const result = await createWorkflow({ stateMachine: definition, sqs: client as unknown as SQSClient }).run({});
    expect(result).toMatchObject({ status: 'FAILED', error: 'SQS.SdkClientException' });
  });
});
