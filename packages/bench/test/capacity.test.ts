/**
 * The capacity meter (src/capacity.ts) bills requests by DynamoDB's on-demand rules: driven here
 * through its middleware with a stub `next`, as the store's client would call it. No DynamoDB.
 */
import { describe, expect, it } from 'vitest';
import { meterDynamo, type TableKeys } from '../src/capacity.ts';

type Middleware = (
  next: (args: unknown) => Promise<{ output: Record<string, unknown> }>,
  context: { commandName?: string },
) => (args: { input: Record<string, unknown> }) => Promise<unknown>;

const TABLES: Record<string, TableKeys> = {
  members: { key: ['pk'], indexes: [['gsi1pk']] },
  events: { key: ['pk', 'sk'], indexes: [] },
};

/** A meter on a stub client, and a way to send one request through it with a given response. */
function metered() {
  let middleware: Middleware | undefined;
  const client = {
    middlewareStack: {
      add(mw: Middleware) {
        middleware = mw;
      },
    },
  };
  const meter = meterDynamo(client, TABLES);
  const send = async (command: string, input: Record<string, unknown>, output: Record<string, unknown> = {}) => {
    await middleware!(async () => ({ output }), { commandName: `${command}Command` })({ input });
    return input;
  };
  return { meter, send };
}

const text = (bytes: number) => ({ S: 'x'.repeat(bytes) });

describe('meterDynamo', () => {
  it('bills a put by the KB, once more for each index whose keys the item carries', async () => {
    // Prepare
    const { meter, send } = metered();
    // Act
    const input = await send('PutItem', { TableName: 'members', Item: { pk: { S: 'm1' }, gsi1pk: { S: 'g' }, body: text(1500) } });
    await send('PutItem', { TableName: 'members', Item: { pk: { S: 'm2' }, body: text(10) } });
    // Assess: 2 KB into the table and the index, then 1 KB into the table alone.
    expect(meter.wru).toBe(2 * 2 + 1);
    expect(meter.calls).toEqual({ PutItem: 2 });
    // Asks DynamoDB nothing extra: consumed capacity costs DynamoDB Local time the raw reference does not spend.
    expect(input.ReturnConsumedCapacity).toBeUndefined();
  });

  it('bills a read by 4 KB, half for an eventually consistent one, and an update at the size it last read', async () => {
    // Prepare
    const { meter, send } = metered();
    const item = { pk: 'm1', body: 'x'.repeat(5000) };
    // Act
    await send('GetItem', { TableName: 'members', Key: { pk: { S: 'm1' } }, ConsistentRead: true }, { Item: item });
    await send('GetItem', { TableName: 'members', Key: { pk: { S: 'm1' } } }, { Item: item });
    await send('GetItem', { TableName: 'members', Key: { pk: { S: 'none' } }, ConsistentRead: true }, {});
    await send('UpdateItem', { TableName: 'members', Key: { pk: { S: 'm1' } } });
    await send('DeleteItem', { TableName: 'members', Key: { pk: { S: 'unknown' } } });
    // Assess: 2 + 1 + 1 (a miss still costs one); 5 KB for the update, 1 KB for a key never read.
    expect(meter.rru).toBe(4);
    expect(meter.wru).toBe(5 + 1);
  });

  it('bills every item of a transaction twice, condition checks included, and counts the transaction', async () => {
    // Prepare
    const { meter, send } = metered();
    // Act
    await send('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'members', Item: { pk: { S: 'm1' }, gsi1pk: { S: 'g' } } } },
        { ConditionCheck: { TableName: 'events', Key: { pk: { S: 'e' }, sk: { S: '1' } } } },
      ],
    });
    // Assess: (1 + 1) × 2, plus the index write of the put.
    expect(meter.wru).toBe(5);
    expect(meter.snapshot()).toMatchObject({ transactions: 1, transactItems: 2, calls: { TransactWriteItems: 1 } });
  });

  it('records what each item of a transaction does, for the raw reference to repeat', async () => {
    // Prepare
    const { meter, send } = metered();
    // Act: an outcome inserted, a state updated and a visit replaced under their versions, a binding checked, one deleted.
    await send('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'events', Item: { pk: { S: 'e' }, sk: { S: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: 'members', Key: { pk: { S: 'm1' } }, UpdateExpression: 'SET #a0 = :a0', ConditionExpression: '#v = :v' } },
        { Put: { TableName: 'events', Item: { pk: { S: 'v' }, sk: { S: '1' } }, ConditionExpression: '#v = :v' } },
        { ConditionCheck: { TableName: 'members', Key: { pk: { S: 'm2' } }, ConditionExpression: 'attribute_exists(pk)' } },
        { Delete: { TableName: 'members', Key: { pk: { S: 'm3' } } } },
        { Put: { TableName: 'events', Item: { pk: { S: 'u' }, sk: { S: '1' } } } },
      ],
    });
    // Assess
    expect(meter.transactions[0]?.ops).toEqual(['insert', 'update', 'replace', 'check', 'delete', 'insert']);
  });

  it('bills a batch: each put by its size and indexes, each key of a batch get even when it finds nothing', async () => {
    // Prepare
    const { meter, send } = metered();
    // Act
    await send('BatchWriteItem', {
      RequestItems: {
        members: [{ PutRequest: { Item: { pk: { S: 'm1' }, gsi1pk: { S: 'g' } } } }, { DeleteRequest: { Key: { pk: { S: 'm2' } } } }],
      },
    });
    await send(
      'BatchGetItem',
      { RequestItems: { members: { Keys: [{ pk: { S: 'm1' } }, { pk: { S: 'm2' } }, { pk: { S: 'm3' } }], ConsistentRead: true } } },
      { Responses: { members: [{ pk: 'm1' }] } },
    );
    // Assess
    expect(meter.wru).toBe(2 + 1);
    expect(meter.rru).toBe(1 + 2);
  });

  it('bills a query on an index as eventually consistent, a scan by its consistency, and resets to nothing', async () => {
    // Prepare
    const { meter, send } = metered();
    // Act
    await send('Query', { TableName: 'members', IndexName: 'gsi1', ConsistentRead: true }, { Items: [{ pk: 'm1' }] });
    await send('Scan', { TableName: 'events', ConsistentRead: true }, { Items: [{ pk: 'e', sk: '1' }] });
    await send('DescribeTable', { TableName: 'events' });
    // Assess
    expect(meter.rru).toBe(0.5 + 1);
    expect(meter.wru).toBe(0);
    meter.reset();
    expect(meter.snapshot()).toEqual({ rru: 0, wru: 0, calls: {}, transactions: 0, transactItems: 0 });
  });
});
