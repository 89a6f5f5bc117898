/**
 * ASL validation through aws-local-stepfunctions (asl-validator), made cheap
 * and side-effect free. asl-validator compiles its JSON schemas with a fresh
 * Ajv on every call (~200–600 ms on a loaded 2-core machine) and writes
 * `QueryLanguage: "JSONPath"` into every state of the object it checks; so a
 * copy is validated, and each distinct definition only once per process.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { WorkflowBindingError } from '../errors.ts';
import type { AslDefinition } from '../template/state-machines.ts';

/** Definition JSON → what the validator said and threw, or null when valid. */
const verdicts = new Map<string, { readonly message: string; readonly cause: unknown } | null>();

/**
 * Throws a WorkflowBindingError when the definition is not valid ASL.
 *
 * @example
 * ```ts
 * assertValidAsl(stack.stateMachines.ClaimFlowC81F5B11.definition);
 * ```
 */
export function assertValidAsl(definition: AslDefinition): void {
  const key = JSON.stringify(definition);
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    try {
      new StateMachine(structuredClone(definition) as StateMachineDefinition);
      verdict = null;
    } catch (error) {
      verdict = { message: error instanceof Error ? error.message : String(error), cause: error };
    }
    verdicts.set(key, verdict);
  }
  if (verdict !== null) throw new WorkflowBindingError(`the definition is not valid ASL: ${verdict.message}`, { cause: verdict.cause });
}
