/**
 * json-schema.ts: the JSON Schema of a scenario, generated from the zod schemas.
 * The checked-in docs/scenario.schema.json must be exactly what it generates, so
 * the published schema cannot drift from the one the engine enforces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../src/index.ts';

const CHECKED_IN = join(import.meta.dirname, '../../../docs/scenario.schema.json');

describe('scenarioJsonSchema', () => {
  it('is, byte for byte as `npm run schema` writes it, the checked-in docs/scenario.schema.json', () => {
    // Prepare
    const checkedIn = readFileSync(CHECKED_IN, 'utf8');

    // Act
    const generated = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

    // Assess: on failure, run `npm run schema` and commit the file
    expect(generated).toBe(checkedIn);
  });

  it('names itself and describes the input form: defaulted fields are optional', () => {
    // Act
    const schema = scenarioJsonSchema() as {
      $id: string;
      title: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };

    // Assess
    expect(schema.$id).toBe('https://medins.example/contract/scenario.schema.json');
    expect(schema.title).toBe('Settlement scenario (contract version 1)');
    expect(schema.required.sort()).toEqual(['events', 'members', 'plans', 'providers', 'version']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      'version',
      'description',
      'regions',
      'plans',
      'providers',
      'members',
      'familyGroups',
      'policies',
      'review',
      'events',
    ]);
  });
});
