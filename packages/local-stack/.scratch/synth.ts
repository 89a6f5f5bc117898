import { App, Stack, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ddb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

const t0 = Date.now();
const app = new App();
const stack = new Stack(app, 'Fixture', { env: { account: '111111111111', region: 'cn-north-1' } });
const key = new kms.Key(stack, 'Key');
const table = new ddb.TableV2(stack, 'Claims', {
  partitionKey: { name: 'pk', type: ddb.AttributeType.STRING },
  sortKey: { name: 'sk', type: ddb.AttributeType.STRING },
  globalSecondaryIndexes: [{ indexName: 'byMember', partitionKey: { name: 'memberId', type: ddb.AttributeType.STRING }, sortKey: { name: 'at', type: ddb.AttributeType.NUMBER } }],
  encryption: ddb.TableEncryptionV2.customerManagedKey(key),
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  deletionProtection: true,
  dynamoStream: ddb.StreamViewType.NEW_AND_OLD_IMAGES,
  removalPolicy: RemovalPolicy.DESTROY,
});
const t1 = new ddb.Table(stack, 'Ledger', {
  partitionKey: { name: 'id', type: ddb.AttributeType.STRING }, sortKey: { name: 'seq', type: ddb.AttributeType.NUMBER },
  encryption: ddb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  billingMode: ddb.BillingMode.PROVISIONED, readCapacity: 2, writeCapacity: 2,
  timeToLiveAttribute: 'ttl',
});
t1.addLocalSecondaryIndex({ indexName: 'lsi', sortKey: { name: 'x', type: ddb.AttributeType.NUMBER }, projectionType: ddb.ProjectionType.KEYS_ONLY });
const dlq = new sqs.Queue(stack, 'Dlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, retentionPeriod: Duration.days(14) });
const q = new sqs.Queue(stack, 'Work', { visibilityTimeout: Duration.seconds(90), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
const fq = new sqs.Queue(stack, 'Ordered', { fifo: true, contentBasedDeduplication: true });
const f1 = new lambda.Function(stack, 'CheckFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})'), environment: { MEDINS_TABLE_CLAIMS: table.tableName, QUEUE: q.queueUrl } });
(f1.node.defaultChild as lambda.CfnFunction).addMetadata('medins:handler', 'claims/check-eligibility');
const f2 = new lambda.Function(stack, 'SettleFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})') });
(f2.node.defaultChild as lambda.CfnFunction).addMetadata('medins:handler', 'claims/settle');
const check = new tasks.LambdaInvoke(stack, 'Check', { lambdaFunction: f1, outputPath: '$.Payload' });
check.addRetry({ errors: ['TransientError'], interval: Duration.seconds(2), maxAttempts: 2, backoffRate: 2 });
const settle = new tasks.LambdaInvoke(stack, 'Settle', { lambdaFunction: f2, payloadResponseOnly: true });
const put = new tasks.DynamoPutItem(stack, 'Record', { table, item: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')), sk: tasks.DynamoAttributeValue.fromString('claim') }, resultPath: sfn.JsonPath.DISCARD });
const send = new tasks.SqsSendMessage(stack, 'Notify', { queue: q, messageBody: sfn.TaskInput.fromJsonPathAt('$') , resultPath: sfn.JsonPath.DISCARD});
const fail = new sfn.Fail(stack, 'Failed', { error: 'ClaimFailed', cause: 'caught' });
check.addCatch(fail, { errors: ['ConflictError'] });
const map = new sfn.Map(stack, 'Each', { itemsPath: '$.items', resultPath: '$.mapped' });
map.itemProcessor(new sfn.Pass(stack, 'Item'));
const def = check.next(new sfn.Choice(stack, 'Eligible?').when(sfn.Condition.booleanEquals('$.eligible', true), settle.next(put).next(send).next(map).next(new sfn.Succeed(stack, 'Done'))).otherwise(new sfn.Pass(stack, 'Reject')));
new sfn.StateMachine(stack, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(def) });
const json = Template.fromStack(stack).toJSON();
console.error('synth ms', Date.now() - t0);
console.log(JSON.stringify(json, null, 1));
