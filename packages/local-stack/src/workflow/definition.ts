/**
 * Walks and rewrites ASL definitions: visiting every state (inside Map and
 * Parallel too), and scaling Retry and Wait times so a local run does not sit
 * through production backoffs.
 */
import type { AslDefinition } from '../template/state-machines.ts';

/** A state as the walker sees it: the ASL fields, loosely typed. */
export type AslState = Readonly<Record<string, unknown>> & { readonly Type: string };

/**
 * Calls `visit` for every state, depth first, including the states of Map
 * iterators (ItemProcessor / Iterator) and Parallel branches.
 *
 * @example
 * ```ts
 * walkStates(definition, (name, state) => { if (state.Type === 'Task') tasks.push(name); });
 * ```
 */
export function walkStates(definition: AslDefinition, visit: (name: string, state: AslState) => void): void {
  for (const [name, state] of Object.entries(definition.States) as [string, AslState][]) {
    visit(name, state);
    for (const nested of nestedMachines(state)) walkStates(nested, visit);
  }
}

function nestedMachines(state: AslState): AslDefinition[] {
  const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
  const branches = (state.Branches as AslDefinition[] | undefined) ?? [];
  return [...(processor ? [processor] : []), ...branches];
}

/** A definition with scaled times, and the Wait overrides the interpreter needs for what JSON cannot scale. */
export interface ScaledDefinition {
  readonly definition: AslDefinition;
  /** Wait state name → milliseconds. */
  readonly waitTimeOverrides: Record<string, number>;
}

/**
 * Multiplies every Retry IntervalSeconds and MaxDelaySeconds and every Wait
 * Seconds by `scale` (0 = no waiting at all). BackoffRate, MaxAttempts and
 * JitterStrategy are untouched, so the number and pattern of retries stay those
 * of the definition. Waits on SecondsPath or a timestamp are skipped only at scale 0.
 *
 * @example
 * ```ts
 * const { definition, waitTimeOverrides } = scaleTimings(asl, 0.001); // 2 s backoff → 2 ms
 * ```
 */
export function scaleTimings(definition: AslDefinition, scale: number): ScaledDefinition {
  const waitTimeOverrides: Record<string, number> = {};
  const scaleMachine = (machine: AslDefinition): AslDefinition => ({
    ...machine,
    States: Object.fromEntries(
      Object.entries(machine.States).map(([name, raw]) => {
        const state = { ...(raw as AslState) } as Record<string, unknown> & AslState;
        if (Array.isArray(state.Retry)) {
          state.Retry = (state.Retry as Record<string, unknown>[]).map((retrier) => ({
            ...retrier,
            // 1 s is the ASL default interval; it must be written out to be scaled.
            IntervalSeconds: Number(retrier.IntervalSeconds ?? 1) * scale,
            ...(retrier.MaxDelaySeconds !== undefined && { MaxDelaySeconds: Number(retrier.MaxDelaySeconds) * scale }),
          }));
        }
        if (state.Type === 'Wait') {
          if (typeof state.Seconds === 'number') waitTimeOverrides[name] = state.Seconds * 1000 * scale;
          else if (scale === 0) waitTimeOverrides[name] = 0;
        }
        if (state.ItemProcessor) state.ItemProcessor = scaleMachine(state.ItemProcessor as AslDefinition);
        if (state.Iterator) state.Iterator = scaleMachine(state.Iterator as AslDefinition);
        if (Array.isArray(state.Branches)) state.Branches = (state.Branches as AslDefinition[]).map(scaleMachine);
        return [name, state];
      }),
    ) as AslDefinition['States'],
  });
  return { definition: scale === 1 ? definition : scaleMachine(definition), waitTimeOverrides: scale === 1 ? {} : waitTimeOverrides };
}
