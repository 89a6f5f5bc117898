/**
 * `npm run openapi` (src/openapi.ts): writes the OpenAPI document as the repository
 * keeps it (docs/openapi.json; that the checked-in copy is current is
 * functions/test/api/openapi.test.ts) and its static Redoc reference page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '@medins/functions/api/openapi';
import { afterAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE, PAGE_FILE, renderOpenApi, writeOpenApi } from '../src/openapi.ts';

const dir = mkdtempSync(join(tmpdir(), 'medins-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the openapi command', () => {
  it('keeps the document in docs/openapi.json and the page in docs/api.html', () => {
    expect(OPENAPI_FILE.endsWith(join('docs', 'openapi.json'))).toBe(true);
    expect(PAGE_FILE.endsWith(join('docs', 'api.html'))).toBe(true);
    expect(renderOpenApi()).toBe(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
  });

  it('writes the document and a self-contained Redoc page of it, says where, exits 0', () => {
    const files = { json: join(dir, 'openapi.json'), page: join(dir, 'api.html') };
    const printed: string[] = [];

    const code = writeOpenApi(files, { write: (s: string) => printed.push(s) });

    expect(code).toBe(0);
    expect(readFileSync(files.json, 'utf8')).toBe(renderOpenApi());
    const page = readFileSync(files.page, 'utf8');
    expect(page).toContain('<html');
    expect(page).toContain('medins settlement API');
    expect(page).toContain('/claims/{claimId}/fhir');
    expect(printed).toEqual([`wrote ${files.json}\n`, `wrote ${files.page}\n`]);
  }, 120_000);
});
