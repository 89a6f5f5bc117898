import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, JavaRuntimeError, localDynamoDbClient, PortInUseError, startDynamoDbLocal } from '../src/index.ts';
import { isRunning, waitUntilGone } from './fixtures/processes.ts';

describe('startDynamoDbLocal', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  let ddb: DynamoDbLocal;
  beforeAll(async () => {
    ddb = await startDynamoDbLocal({ dataDir });
  });
  afterAll(async () => {
    await ddb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers on 127.0.0.1 and reports the shipped release', () => {
    expect(ddb.endpoint).toBe(`http://127.0.0.1:${ddb.port}`);
    expect(ddb.version).toMatch(/^DynamoDB Local \d{4}-\d{2}-\d{2}$/);
    expect(ddb.release).toMatch(/^\d+\.\d+\.\d+$/);
    expect(ddb.java.major).toBeGreaterThanOrEqual(17);
  });

  it('runs a small, telemetry-free JVM with one shared database', () => {
    const args = readFileSync(`/proc/${ddb.pid}/cmdline`, 'utf8').split('\0');
    expect(args).toEqual(
      expect.arrayContaining([
        '-XX:TieredStopAtLevel=1',
        '-XX:+UseSerialGC',
        '-Xmx256m',
        '-sharedDb',
        '-disableTelemetry',
        '-dbPath',
        dataDir,
      ]),
    );
  });

  it('shows the same tables to every region and credential (-sharedDb)', async () => {
    // Prepare
    const writer = localDynamoDbClient(ddb.endpoint, 'cn-north-1');
    const reader = new DynamoDBClient({
      endpoint: ddb.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'other', secretAccessKey: 'other' },
    });
    // Act
    await writer.send(
      new CreateTableCommand({
        TableName: 'shared',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await writer.send(new PutItemCommand({ TableName: 'shared', Item: { pk: { S: 'kept' } } }));
    // Assess
    expect((await reader.send(new ListTablesCommand({}))).TableNames).toContain('shared');
    writer.destroy();
    reader.destroy();
  });

  it('keeps tables in the data directory across a restart, and stop() ends the JVM', async () => {
    // Act
    await ddb.stop();
    // Assess
    expect(await waitUntilGone(ddb.pid)).toBe(true);
    ddb = await startDynamoDbLocal({ dataDir });
    const client = localDynamoDbClient(ddb.endpoint, 'us-east-1');
    const { Item } = await client.send(new GetItemCommand({ TableName: 'shared', Key: { pk: { S: 'kept' } } }));
    expect(Item).toEqual({ pk: { S: 'kept' } });
    client.destroy();
  });

  it('fails with the port in the message when the port is taken, before starting a JVM', async () => {
    await expect(startDynamoDbLocal({ port: ddb.port })).rejects.toThrow(PortInUseError);
  });

  it('fails with the Java hint when there is no java on PATH', async () => {
    const env = { PATH: join(tmpdir(), 'no-java-on-this-path') };
    await expect(startDynamoDbLocal({ env })).rejects.toThrow(JavaRuntimeError);
    await expect(startDynamoDbLocal({ env })).rejects.toThrow(
      /DynamoDB Local needs a Java 17\+ runtime: install one, e\.g\. apt-get install -y openjdk-17-jre-headless/,
    );
  });

  it('is still running after the failed attempts', () => {
    expect(isRunning(ddb.pid)).toBe(true);
  });
});

describe('startDynamoDbLocal with a port taken by another process', () => {
  let blocker: Server;
  beforeAll(() => {
    blocker = createServer();
    return new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('says which port', async () => {
    const port = (blocker.address() as { port: number }).port;
    await expect(startDynamoDbLocal({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });
});
