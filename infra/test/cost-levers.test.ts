/**
 * The cost levers of docs/cost.md as the template carries them, stage by stage:
 * - the queue consumers keep no Powertools idempotency record (no table, no grant):
 *   the commit is conditional on the event id, a duplicate changes nothing anyway;
 * - prod functions log at WARN (dev at DEBUG): outcomes are metrics and results;
 * - prod samples 2 % of the Express workflows' executions for X-Ray, one rule per
 *   state machine; dev keeps X-Ray's default rule; the renewal campaign is never
 *   sampled down.
 * The bench (packages/bench) reads these same settings from the prod template.
 */
import { describe, expect, it } from 'vitest';
import { handlerFunctions, props, refTarget, resourcesOfType, synth } from './support/synth.ts';

const dev = await synth('dev');
const prod = await synth('prod');

describe('cost levers', () => {
  it('the queue consumers keep no idempotency record: the events table only, to mark an event failed for good', () => {
    for (const { json } of [dev, prod]) {
      const consumers = resourcesOfType(json, 'AWS::Lambda::Function').filter(
        ([, f]) => f.Metadata?.['medins:handler'] === 'ingest/queue-consumer',
      );
      expect(consumers).toHaveLength(2);
      for (const [id, fn] of consumers) {
        const variables = Object.keys(props(fn).Environment?.Variables ?? {});
        expect(
          variables.filter((v) => v.startsWith('MEDINS_TABLE_')),
          id,
        ).toEqual(['MEDINS_TABLE_EVENTS']);
        expect(variables, id).toContain('MAX_RECEIVE_COUNT');
      }
      expect(resourcesOfType(json, 'AWS::DynamoDB::Table').map(([, t]) => t.Metadata?.['medins:table'])).not.toContain('idempotency');
    }
  });

  it.each([
    ['dev', 'DEBUG'],
    ['prod', 'WARN'],
  ] as const)('%s functions log at %s, platform lines at WARN', async (stage, level) => {
    const { json } = stage === 'dev' ? dev : prod;
    for (const [id, fn] of handlerFunctions(json)) {
      expect(props(fn).LoggingConfig, id).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: level, SystemLogLevel: 'WARN' });
      expect(props(fn).Environment?.Variables?.LOG_LEVEL, id).toBe(level);
    }
  });

  it('prod samples 2 % of each Express workflow’s executions, with a rule matching that state machine alone', () => {
    const machines = Object.fromEntries(
      resourcesOfType(prod.json, 'AWS::StepFunctions::StateMachine').map(([id, m]) => [m.Metadata?.['medins:workflow'] as string, id]),
    );
    const rules = resourcesOfType(prod.json, 'AWS::XRay::SamplingRule').map(([, r]) => props(r).SamplingRule as Record<string, unknown>);
    expect(rules).toHaveLength(2);
    const sampled = rules.map((r) => refTarget(r.ServiceName));
    expect(sampled.sort()).toEqual([machines.ClaimWorkflow, machines.MemberEventWorkflow].sort());
    for (const r of rules) {
      expect(r).toMatchObject({
        ServiceType: 'AWS::StepFunctions::StateMachine',
        FixedRate: 0.02,
        ReservoirSize: 0,
        Version: 1,
        ResourceARN: '*',
      });
      expect(String(r.RuleName).length).toBeLessThanOrEqual(32);
      expect(r.ServiceName).toEqual({ 'Fn::GetAtt': [refTarget(r.ServiceName), 'Name'] });
    }
    // Tracing stays on: what is sampled is recorded.
    for (const id of Object.values(machines)) expect(props(prod.json.Resources[id]!).TracingConfiguration).toEqual({ Enabled: true });
  });

  it('dev keeps X-Ray’s default sampling', () => {
    expect(resourcesOfType(dev.json, 'AWS::XRay::SamplingRule')).toEqual([]);
  });
});
