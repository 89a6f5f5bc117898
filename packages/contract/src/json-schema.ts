/** The JSON Schema of a scenario, generated from the zod schemas (the single source). */
import { z } from 'zod';
import { ScenarioSchema } from './scenario-schema.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://medins.example/contract/scenario.schema.json',
    title: 'Settlement scenario (contract version 1)',
    ...z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
