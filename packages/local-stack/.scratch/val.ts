import { StateMachine } from 'aws-local-stepfunctions';
const mk = (res: string) => ({ StartAt: 'A', States: { A: { Type: 'Task', Resource: res, Next: 'M' }, M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } } });
for (const r of ['arn:aws:lambda:local:000000000000:function:CheckFn8471549E', 'arn:aws:lambda:us-east-1:000000000000:function:CheckFn8471549E', 'arn:aws:states:::dynamodb:putItem', 'arn:aws:states:::lambda:invoke', 'arn:aws-cn:states:::sqs:sendMessage', 'arn:aws:states:::aws-sdk:dynamodb:query']) {
  try { new StateMachine(mk(r) as never); console.log('ok', r); } catch (e) { console.log('FAIL', r, (e as Error).message); }
}
