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
export const PAGE_FILE = fileURLToPath(new URL('../../../docs/api.html', import.meta.url));

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
export function writeOpenApi(
  files: { json: string; page: string } = { json: OPENAPI_FILE, page: PAGE_FILE },
  stdout: { write(s: string): unknown } = process.stdout,
): number {
  writeFileSync(files.json, renderOpenApi());
  stdout.write(`wrote ${files.json}\n`);
  execFileSync(process.execPath, [redoclyBin(), 'build-docs', files.json, '--output', files.page], { stdio: 'ignore' });
  stdout.write(`wrote ${files.page}\n`);
  return 0;
}

if (import.meta.main) runAsMain(openapiCommand, () => writeOpenApi());
