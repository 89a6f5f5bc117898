/**
 * `npm run schema`: writes docs/scenario.schema.json, the JSON Schema of a
 * scenario generated from the contract's zod schemas (their single source).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '@medins/contract';
import { defineCommand, runAsMain } from './args.ts';

/** The file the repository keeps: docs/scenario.schema.json. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../docs/scenario.schema.json', import.meta.url));

export const schemaCommand = defineCommand({
  name: 'npm run schema --',
  summary: 'Writes docs/scenario.schema.json, the JSON Schema of a scenario document, from the zod schemas in packages/contract.',
  options: {},
});

/** The schema as the file holds it. */
export const renderSchema = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

/**
 * The command: writes the schema to `file` and says so on `stdout`; exit 0.
 *
 * @example
 * ```ts
 * writeSchema(); // docs/scenario.schema.json, "wrote …/docs/scenario.schema.json"
 * ```
 */
export function writeSchema(file: string = SCHEMA_FILE, stdout: { write(s: string): unknown } = process.stdout): number {
  writeFileSync(file, renderSchema());
  stdout.write(`wrote ${file}\n`);
  return 0;
}

if (import.meta.main) runAsMain(schemaCommand, () => writeSchema());
