/**
 * `npm run schema` (src/schema.ts): writes the JSON Schema generated from the
 * contract's zod schemas to the file the repository keeps, and says where. The
 * file is docs/scenario.schema.json; that the checked-in copy is current is the
 * contract's own test (packages/contract/test/json-schema.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioJsonSchema } from '@medins/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSchema, SCHEMA_FILE, writeSchema } from '../src/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'medins-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the schema command', () => {
  it('keeps the schema in docs/scenario.schema.json, as two-space JSON ending in a newline', () => {
    // Act
    const text = renderSchema();
    // Assess
    expect(SCHEMA_FILE.endsWith(join('docs', 'scenario.schema.json'))).toBe(true);
    expect(text).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  it('writes the schema to the file, says where on stdout and exits 0', () => {
    // Prepare
    const file = join(dir, 'scenario.schema.json');
    const printed: string[] = [];
    // Act
    const code = writeSchema(file, { write: (s: string) => printed.push(s) });
    // Assess
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(renderSchema());
    expect(printed).toEqual([`wrote ${file}\n`]);
  });
});
