/**
 * `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 document of the HTTP
 * API generated from the route table and the zod schemas, and docs/api.html, a
 * static reference page (Redoc, built by `redocly build-docs` from the file just
 * written). A test checks that docs/openapi.json is the document the code makes.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '@medins/functions/api/openapi';
import { defineCommand, runAsMain } from './args.ts';

/** The files the repository keeps: docs/openapi.json and its reference page docs/api.html. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
const PAGE_FILE = fileURLToPath(new URL('../../../docs/api.html', import.meta.url));

export const openapiCommand = defineCommand({
  name: 'npm run openapi --',
  summary:
    'Writes docs/openapi.json (the HTTP API’s OpenAPI 3.1 document, from the route table and the zod schemas) and docs/api.html (its Redoc page).',
  options: {},
});

/** The document as the file holds it. */
export const renderOpenApi = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

/** The Redocly CLI's entry point (a dev dependency): run with this Node, no shell. */
export function redoclyBin(): string {
  return createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
}

/** The command: writes both files and says so on `stdout`; exit 0. */
export function writeOpenApi(stdout: { write(s: string): unknown } = process.stdout): number {
  writeFileSync(OPENAPI_FILE, renderOpenApi());
  stdout.write(`wrote ${OPENAPI_FILE}\n`);
  execFileSync(process.execPath, [redoclyBin(), 'build-docs', OPENAPI_FILE, '--output', PAGE_FILE], { stdio: 'ignore' });
  stdout.write(`wrote ${PAGE_FILE}\n`);
  return 0;
}

if (import.meta.main) runAsMain(openapiCommand, () => writeOpenApi());
