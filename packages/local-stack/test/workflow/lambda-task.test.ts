import { describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../src/template/functions.ts';
import { type BoundFunction, functionNameOf, invokeHandler, invokeResponse } from '../../src/workflow/lambda-task.ts';

const FN: LocalFunction = {
  logicalId: 'StepFn',
  arn: 'arn:aws:lambda:local:000000000000:function:StepFn',
  handlerKey: 'claims/step',
  functionName: undefined,
  handler: 'index.handler',
  runtime: 'nodejs24.x',
  timeoutSeconds: 3,
  memoryMb: 128,
} as LocalFunction;
const bound = (handler: BoundFunction['handler']): BoundFunction => ({ fn: FN, handler, key: 'claims/step' });

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

describe('invokeHandler', () => {
  it('hands the handler a JSON copy of its event, so changing it changes nothing the state machine holds', async () => {
    // Prepare: a handler that changes what it got (a retry must see the event as it was)
    const event = { event: { id: 'c-1', lines: [{ amountFen: 100 }] }, attempt: 0 };
    const seen: unknown[] = [];
    const step = bound(async (e) => {
      const got = e as typeof event;
      seen.push(structuredClone(got));
      got.event.lines[0]!.amountFen = 0;
      got.attempt = 9;
      return got;
    });
    // Act
    const first = await invokeHandler(step, event);
    const second = await invokeHandler(step, event);
    // Assess
    expect(event).toEqual({ event: { id: 'c-1', lines: [{ amountFen: 100 }] }, attempt: 0 });
    expect(seen).toEqual([event, event]);
    expect(first).toEqual({ event: { id: 'c-1', lines: [{ amountFen: 0 }] }, attempt: 9 });
    expect(first).not.toBe(second);
  });

  it('passes what Lambda would: no Date, no undefined, in the event or the result', async () => {
    // Prepare
    let got: unknown;
    const step = bound(async (e) => {
      got = e;
      return { at: new Date(Date.UTC(2026, 0, 1)), gone: undefined, kept: 1 };
    });
    // Act
    const result = await invokeHandler(step, { at: new Date(Date.UTC(2026, 0, 2)), gone: undefined });
    // Assess
    expect(got).toStrictEqual({ at: '2026-01-02T00:00:00.000Z' });
    expect(result).toStrictEqual({ at: '2026-01-01T00:00:00.000Z', kept: 1 });
  });
});
