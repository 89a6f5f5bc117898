/**
 * write-json-schema.ts, the `npm run schema` script: it writes the generated
 * schema to docs/scenario.schema.json. Run here with `writeFileSync` captured, so
 * the test writes no file: what it would write is what is checked in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const writes = vi.hoisted(() => [] as { path: string; text: string }[]);

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeFileSync: (path: string, text: string) => {
      writes.push({ path, text });
    },
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('write-json-schema', () => {
  it('writes the generated schema to docs/scenario.schema.json, as checked in, and says where', async () => {
    // Prepare
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const target = join(import.meta.dirname, '../../../docs/scenario.schema.json');

    // Act
    await import('../src/write-json-schema.ts');

    // Assess
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toBe(target);
    expect(writes[0]!.text).toBe(readFileSync(target, 'utf8'));
    expect(log).toHaveBeenCalledWith(`wrote ${target}`);
  });
});
