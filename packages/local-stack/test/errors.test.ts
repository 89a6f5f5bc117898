/**
 * errors.ts: the local stack's errors are of the project's family (MedinsError):
 * a literal name, a stable code, the port, resource or state concerned, the cause.
 * The two that stand in for AWS failures take their name from what failed and keep
 * it as `thrown`, never as `cause` (the interpreter reports `cause` as the `Cause`).
 */

import { MedinsError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  JavaRuntimeError,
  LambdaHandlerError,
  LocalStackError,
  LogicalIdError,
  PortInUseError,
  PortUnusableError,
  ServiceTaskError,
  StartupError,
  TemplateError,
  WorkflowBindingError,
} from '../src/index.ts';

type Options = { entity?: string; cause?: unknown };

describe.each([
  { make: (o: Options) => new LocalStackError('m', o), name: 'LocalStackError', code: 'LOCAL_STACK_FAILED' },
  { make: (o: Options) => new JavaRuntimeError('m', o), name: 'JavaRuntimeError', code: 'JAVA_RUNTIME_UNUSABLE' },
  { make: (o: Options) => new PortUnusableError('m', o), name: 'PortUnusableError', code: 'PORT_UNUSABLE' },
  { make: (o: Options) => new StartupError('m', o), name: 'StartupError', code: 'EMULATOR_STARTUP_FAILED' },
  { make: (o: Options) => new TemplateError('m', o), name: 'TemplateError', code: 'TEMPLATE_UNSUPPORTED' },
  { make: (o: Options) => new LogicalIdError('m', o), name: 'LogicalIdError', code: 'LOGICAL_ID_UNRESOLVED' },
  { make: (o: Options) => new WorkflowBindingError('m', o), name: 'WorkflowBindingError', code: 'WORKFLOW_UNBINDABLE' },
])('$name', ({ make, name, code }) => {
  it(`is a LocalStackError and a MedinsError named ${name}, code ${code}, keeping entity and cause`, () => {
    // Prepare
    const cause = new Error('inner');
    // Act
    const error = make({ entity: 'ClaimFlow', cause });
    // Assess
    expect(error).toBeInstanceOf(LocalStackError);
    expect(error).toBeInstanceOf(MedinsError);
    expect([error.name, error.code, error.entity, error.message]).toEqual([name, code, 'ClaimFlow', 'm']);
    expect(error.cause).toBe(cause);
  });
});

describe('PortInUseError', () => {
  it('names the port in its message and entity, code PORT_IN_USE, and keeps the cause', () => {
    const cause = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    const error = new PortInUseError(8000, { cause });
    expect(error).toBeInstanceOf(LocalStackError);
    expect([error.name, error.code, error.entity, error.port]).toEqual(['PortInUseError', 'PORT_IN_USE', '127.0.0.1:8000', 8000]);
    expect(error.message).toMatch(/^port 8000 on 127\.0\.0\.1 is already in use/u);
    expect(error.cause).toBe(cause);
  });
});

describe('LambdaHandlerError', () => {
  it('takes the thrown error name and carries the JSON cause Lambda reports', () => {
    const thrown = Object.assign(new Error('stale'), { name: 'ConflictError' });
    const error = new LambdaHandlerError(thrown, 'claims/commit-claim');
    expect(error).toBeInstanceOf(LocalStackError);
    expect(error.name).toBe('ConflictError');
    expect(error.code).toBe('LAMBDA_HANDLER_FAILED');
    expect(error.entity).toBe('claims/commit-claim');
    expect(error.thrown).toBe(thrown);
    expect(JSON.parse(error.message)).toMatchObject({ errorType: 'ConflictError', errorMessage: 'stale', trace: expect.any(Array) });
  });

  it('has no cause, so the interpreter reports Lambda’s text as the Cause', () => {
    const error = new LambdaHandlerError(new Error('stale'));
    expect('cause' in error).toBe(false);
    expect(error.entity).toBeUndefined();
  });

  it('names a thrown non-Error by its type, as the Node.js runtime does', () => {
    const error = new LambdaHandlerError('a string');
    expect(error.name).toBe('string');
    expect(JSON.parse(error.message)).toEqual({ errorType: 'string', errorMessage: 'a string', trace: [] });
  });
});

describe('ServiceTaskError', () => {
  it('is named as Step Functions names the failure and keeps the SDK error as thrown, not cause', () => {
    const sdk = Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    const error = new ServiceTaskError(
      'DynamoDB.ConditionalCheckFailedException',
      'The conditional request failed (Service: DynamoDB)',
      sdk,
    );
    expect(error).toBeInstanceOf(LocalStackError);
    expect([error.name, error.code]).toEqual(['DynamoDB.ConditionalCheckFailedException', 'SERVICE_TASK_FAILED']);
    expect(error.thrown).toBe(sdk);
    expect('cause' in error).toBe(false);
  });
});
