/**
 * personal.ts: the keyed digest and the sealing of a caller's event — what the
 * events table, the queues and the workflows carry.
 */
import { describe, expect, it } from 'vitest';
import { EventSchema, SealedEventSchema } from '../src/event-schema.ts';
import { parseEvent, sealEventDoc } from '../src/parse.ts';
import { hmacDigester, processDigester, sealEvent } from '../src/personal.ts';
import { fullEvents } from './support/documents.ts';

const key = (fill: number) => new Uint8Array(32).fill(fill);

describe('hmacDigester', () => {
  it('gives the same value the same 43-character digest under one key, and another under another key', () => {
    const a = hmacDigester(key(1));
    expect(a('idNumber', '11010519491231002X')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a('idNumber', '11010519491231002X')).toBe(hmacDigester(key(1))('idNumber', '11010519491231002X'));
    expect(a('idNumber', '11010519491231002X')).not.toBe(hmacDigester(key(2))('idNumber', '11010519491231002X'));
    expect(a('name', '张三')).not.toBe(a('idNumber', '张三'));
  });

  it('refuses a key shorter than 256 bits', () => {
    expect(() => hmacDigester(new Uint8Array(16))).toThrow(RangeError);
  });

  it('keeps one key per process', () => {
    expect(processDigester()('name', 'x')).toBe(processDigester()('name', 'x'));
  });
});

describe('sealEvent', () => {
  const digest = hmacDigester(key(9));
  const clearOf = (e: unknown) => JSON.stringify(e);

  it('leaves no clear name, ID number, phone or certificate number in an enrollment or a binding', () => {
    for (const doc of [fullEvents().enroll, fullEvents().bindFamily, fullEvents().bindViewer]) {
      const sealed = sealEvent(EventSchema.parse(doc), digest);
      const personal = [
        ...Object.values((doc as { realName?: Record<string, string> }).realName ?? {}),
        ...Object.entries((doc as { proof?: Record<string, string> }).proof ?? {})
          .filter(([k]) => k !== 'kind')
          .map(([, v]) => v),
      ];
      expect(personal.length).toBeGreaterThan(1);
      for (const v of personal) expect(clearOf(sealed)).not.toContain(v);
      expect(SealedEventSchema.safeParse(sealed).success).toBe(true);
    }
  });

  it('leaves an event without personal data as it is', () => {
    const claim = EventSchema.parse(fullEvents().claim);
    expect(sealEvent(claim, digest)).toBe(claim);
  });
});

describe('what a queue may carry', () => {
  it('refuses a clear name or ID number where a sealed one belongs, naming the field', () => {
    expect(() => parseEvent(fullEvents().enroll)).toThrow(/realName\.name: expected object/);
  });

  it('takes the sealed form a caller’s event is turned into', () => {
    const sealed = sealEventDoc(fullEvents().enroll, hmacDigester(key(3)));
    expect(parseEvent(JSON.parse(JSON.stringify(sealed)))).toMatchObject({ type: 'enroll', realName: { idNumber: { valid: true } } });
  });
});
