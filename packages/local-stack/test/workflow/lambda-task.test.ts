import { describe, expect, it } from 'vitest';
import { functionNameOf, invokeResponse } from '../../src/workflow/lambda-task.ts';

describe('functionNameOf', () => {
  it('reads the name from full ARNs, qualified ARNs, partial ARNs and names', () => {
    expect(functionNameOf('arn:aws:lambda:local:000000000000:function:CheckFn8471549E')).toBe('CheckFn8471549E');
    expect(functionNameOf('arn:aws-cn:lambda:cn-north-1:1:function:CheckFn8471549E:live')).toBe('CheckFn8471549E');
    expect(functionNameOf('CheckFn8471549E:3')).toBe('CheckFn8471549E');
  });
});

describe('invokeResponse', () => {
  it('answers an Event invocation with 202 and no payload', () => {
    expect(invokeResponse({ ok: true }, 'Event')).toMatchObject({ StatusCode: 202, Payload: '' });
    expect(invokeResponse({ ok: true }, undefined)).toMatchObject({ StatusCode: 200, Payload: { ok: true } });
  });
});
