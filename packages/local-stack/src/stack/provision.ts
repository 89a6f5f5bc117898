/**
 * Creates the template's tables and queues on the local endpoints. Re-running
 * against a persisted data directory finds the tables already there and keeps
 * them (and their items); queues are created idempotently by SQS itself.
 */
import { CreateTableCommand, type DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { StartupError } from '../errors.ts';
import type { LocalQueue, LocalTable } from '../template.ts';

/**
 * Creates every table, then switches on TTL where the template has it.
 *
 * @example
 * ```ts
 * await createTables(client, Object.values(local.tables));
 * ```
 */
export async function createTables(client: DynamoDBClient, tables: readonly LocalTable[]): Promise<void> {
  await Promise.all(
    tables.map(async (table) => {
      try {
        await client.send(new CreateTableCommand(table.createTable));
      } catch (error) {
        // A persisted database already has it: keep its items.
        if ((error as Error).name === 'ResourceInUseException') return;
        throw new StartupError(`CreateTable ${table.tableName} (${table.logicalId}) failed: ${(error as Error).message}`, {
          entity: table.logicalId,
          cause: error,
        });
      }
      if (table.timeToLiveAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: table.tableName,
            TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    }),
  );
}

/**
 * Creates the queues in order (dead-letter queues first, as `readTemplate` sorts
 * them) and checks each URL is the one the template was rendered with.
 *
 * @example
 * ```ts
 * await createQueues(client, local.queues);
 * ```
 */
export async function createQueues(client: SQSClient, queues: readonly LocalQueue[]): Promise<void> {
  for (const queue of queues) {
    let url: string | undefined;
    try {
      url = (await client.send(new CreateQueueCommand(queue.createQueue))).QueueUrl;
    } catch (error) {
      throw new StartupError(`CreateQueue ${queue.queueName} (${queue.logicalId}) failed: ${(error as Error).message}`, {
        entity: queue.logicalId,
        cause: error,
      });
    }
    // Rendered definitions and environments already carry the expected URL; a different one would break them silently.
    if (url !== queue.queueUrl) {
      throw new StartupError(`queue ${queue.logicalId} was created at ${url}, expected ${queue.queueUrl}`, { entity: queue.logicalId });
    }
  }
}
