/** api/responses.ts: JSON answers, and problems that name the field and the rule. */
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../src/api/responses.ts';

describe('json', () => {
  it('answers JSON that is never cached', () => {
    expect(json(200, { a: 1 })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: '{"a":1}',
    });
  });
});

describe('problem', () => {
  it('carries a code and a message, and the issues only when there are some', () => {
    expect(JSON.parse(problem(404, 'NOT_FOUND', 'no such event').body!)).toEqual({
      error: { code: 'NOT_FOUND', message: 'no such event' },
    });
    expect(JSON.parse(problem(400, 'INVALID_REQUEST', 'bad', []).body!)).toEqual({ error: { code: 'INVALID_REQUEST', message: 'bad' } });
    expect(
      JSON.parse(problem(400, 'INVALID_REQUEST', 'bad', [{ path: 'lines.0.amountFen', message: 'must be an integer' }]).body!).error.issues,
    ).toEqual([{ path: 'lines.0.amountFen', message: 'must be an integer' }]);
  });
});
