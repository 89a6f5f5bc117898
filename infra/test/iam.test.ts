/**
 * Least privilege: every function's role names the resources it may touch, with
 * only the actions its handler needs; the few `*` resources are the services'
 * own requirement, listed here with the reason. ARNs use the partition token.
 */
import { describe, expect, it } from 'vitest';
import {
  CATALOG_ONLY,
  COMMIT_WRITES,
  HANDLERS,
  type HandlerKey,
  SNAPSHOT_READS,
  TABLE_ACTIONS,
  type TableAccess,
} from '../src/config/handlers.ts';
import {
  asList,
  handlerFunctions,
  props,
  referencedIds,
  refTarget,
  resourcesOfType,
  roleOf,
  type Statement,
  statementsOfRole,
  synth,
} from './support/synth.ts';

const { json } = await synth('dev');
const functions = handlerFunctions(json);
const keyId = resourcesOfType(json, 'AWS::KMS::Key')[0]![0];
const tableRoleById = Object.fromEntries(
  resourcesOfType(json, 'AWS::DynamoDB::Table').map(([id, t]) => [id, t.Metadata?.['medins:table'] as string]),
);

/** Every action granted on `*` anywhere in the stack, and why the service requires it. */
const WILDCARD_ACTIONS: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray has no resource-level permissions (active tracing of functions and state machines)',
  'xray:PutTelemetryRecords': 'X-Ray has no resource-level permissions',
  'xray:GetSamplingRules': 'X-Ray sampling rules, read by traced state machines; no resource-level permissions',
  'xray:GetSamplingTargets': 'X-Ray sampling targets; no resource-level permissions',
  'logs:CreateLogDelivery': 'CloudWatch Logs vended delivery of state machine logs; no resource-level permissions',
  'logs:GetLogDelivery': 'vended log delivery',
  'logs:UpdateLogDelivery': 'vended log delivery',
  'logs:DeleteLogDelivery': 'vended log delivery',
  'logs:ListLogDeliveries': 'vended log delivery',
  'logs:PutResourcePolicy': 'vended log delivery writes the log group resource policy',
  'logs:DescribeResourcePolicies': 'vended log delivery',
  'logs:DescribeLogGroups': 'vended log delivery',
  'xray:PutEncryptionConfig': 'the X-Ray encryption setting (one per account and region); no resource-level permissions',
};

const allStatements = (): { role: string; statement: Statement }[] =>
  resourcesOfType(json, 'AWS::IAM::Policy').flatMap(([, p]) =>
    (props(p).PolicyDocument.Statement as Statement[]).flatMap((statement) =>
      (props(p).Roles as unknown[]).map((r) => ({ role: refTarget(r)!, statement })),
    ),
  );

const isWildcard = (resource: unknown) => asList(resource).includes('*');

describe('IAM', () => {
  it('grants `*` resources only for the listed service requirements, and each listed case is used', () => {
    const wildcardActions = new Set(
      allStatements()
        .filter(({ statement }) => isWildcard(statement.Resource))
        .flatMap(({ statement }) => asList(statement.Action)),
    );
    expect([...wildcardActions].sort()).toEqual(Object.keys(WILDCARD_ACTIONS).sort());
  });

  it('allows only, and no action wildcards outside the KMS grant CDK writes for SqsSendMessage', () => {
    for (const { role, statement } of allStatements()) {
      expect(statement.Effect, role).toBe('Allow');
      for (const action of asList(statement.Action)) {
        if (action.includes('*')) expect(action, role).toBe('kms:GenerateDataKey*');
      }
    }
  });

  it('lets the API write its own records in the events table (accept records, gateway messages) and no state table', () => {
    // The API's conditional PutItem/UpdateItem of an accept record would be denied on AWS without it.
    const [fnId] = functions.find(([, f]) => f.Metadata?.['medins:handler'] === 'api/http')!;
    const written = new Set<string>();
    for (const s of statementsOfRole(json, roleOf(json, fnId))) {
      if (!asList(s.Action).some((a) => a === 'dynamodb:PutItem' || a === 'dynamodb:UpdateItem')) continue;
      for (const r of asList(s.Resource)) for (const id of referencedIds(r)) written.add(tableRoleById[id]!);
    }
    expect([...written]).toEqual(['events']);
  });

  it('lets the review-task functions write only review tasks in the events table, never an outcome', () => {
    const writes = (s: Statement) => asList(s.Action).some((a) => a === 'dynamodb:PutItem' || a === 'dynamodb:UpdateItem');
    for (const key of ['review/publish-task', 'review/close-task'] as const) {
      const [fnId] = functions.find(([, f]) => f.Metadata?.['medins:handler'] === key)!;
      const onTables = statementsOfRole(json, roleOf(json, fnId)).filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
      const written = onTables.filter(writes);
      expect(
        written.map((s) => [...new Set(asList(s.Resource).flatMap((r) => [...referencedIds(r)]))].map((id) => tableRoleById[id])),
      ).toEqual([['events']]);
      // Every DynamoDB statement of theirs, reads included, is bound to the `review|` keys.
      for (const s of onTables) expect(s.Condition, key).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['review|*'] } });
    }
  });

  it('attaches no AWS managed policy to any function or state machine role', () => {
    const roles = resourcesOfType(json, 'AWS::IAM::Role');
    for (const [id, role] of roles) expect(props(role).ManagedPolicyArns, id).toBeUndefined();
  });

  it.each(functions.map(([id, f]) => [f.Metadata?.['medins:handler'] as HandlerKey, id] as const))(
    '%s (%s): DynamoDB actions only on its tables, as its access allows',
    (key, fnId) => {
      const spec = HANDLERS[key];
      const granted = new Map<string, Set<string>>();
      for (const s of statementsOfRole(json, roleOf(json, fnId))) {
        const actions = asList(s.Action).filter((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams');
        if (actions.length === 0) continue;
        for (const resource of asList(s.Resource)) {
          const [tableId, ...more] = [...referencedIds(resource)];
          expect(more, JSON.stringify(resource)).toEqual([]);
          const role = tableRoleById[tableId!]!;
          const text = JSON.stringify(resource);
          const target = text.includes('/index/byCreation')
            ? `${role}/index/byCreation`
            : text.includes('StreamArn')
              ? `${role}/stream`
              : role;
          for (const a of actions) (granted.get(target) ?? granted.set(target, new Set()).get(target)!).add(a);
        }
      }
      const expected = new Map<string, Set<string>>();
      for (const [role, access] of Object.entries(spec.tables)) {
        const target = access === 'walkByCreation' ? `${role}/index/byCreation` : role;
        expected.set(target, new Set(TABLE_ACTIONS[access!]));
      }
      const asSorted = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]).sort());
      expect(asSorted(granted)).toEqual(asSorted(expected));
    },
  );

  it('a step that absorbed the load or the commit may do exactly what the steps it absorbed did, and no more', () => {
    // The DynamoDB actions per table of a table map, the union of several maps.
    type Access = Readonly<Partial<Record<string, TableAccess>>>;
    const actions = (...maps: Access[]) => {
      const byTable: Record<string, string[]> = {};
      for (const m of maps)
        for (const [table, access] of Object.entries(m))
          byTable[table] = [...new Set([...(byTable[table] ?? []), ...TABLE_ACTIONS[access!]])].sort();
      return byTable;
    };
    // CheckEligibility = the load (snapshot reads) + the eligibility (catalog); nothing written.
    expect(actions(HANDLERS['claims/check-eligibility'].tables)).toEqual(actions(SNAPSHOT_READS, CATALOG_ONLY));
    // DeductFromAccounts = the payment (catalog) + the commit; no snapshot reads beyond what the commit's items need.
    expect(actions(HANDLERS['claims/deduct-from-accounts'].tables)).toEqual(actions(CATALOG_ONLY, COMMIT_WRITES));
    // DecideEvent = the load + the decision + the commit.
    expect(actions(HANDLERS['events/decide'].tables)).toEqual(actions(SNAPSHOT_READS, CATALOG_ONLY, COMMIT_WRITES));
    // The steps in between stay read-only on the catalog.
    expect(HANDLERS['claims/settle-tiers'].tables).toEqual(CATALOG_ONLY);
  });

  it('never grants Scan: every read is by key (the catalog too: a version is one item)', () => {
    for (const { statement } of allStatements()) expect(asList(statement.Action)).not.toContain('dynamodb:Scan');
  });

  it.each(functions.map(([id, f]) => [f.Metadata?.['medins:handler'] as string, id] as const))(
    '%s (%s): every other statement names its resources',
    (_key, fnId) => {
      const logGroupId = refTarget(props(json.Resources[fnId]!).LoggingConfig.LogGroup);
      for (const s of statementsOfRole(json, roleOf(json, fnId))) {
        const actions = asList(s.Action);
        if (isWildcard(s.Resource)) continue; // covered by the wildcard list above
        const targets = asList(s.Resource).flatMap((r) => [...referencedIds(r)]);
        expect(targets.length, JSON.stringify(s)).toBeGreaterThan(0);
        const types = new Set(targets.map((id) => json.Resources[id]!.Type));
        if (actions.every((a) => a.startsWith('kms:'))) {
          expect(targets).toEqual([keyId]);
          for (const a of actions) expect(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']).toContain(a);
        } else if (actions.every((a) => a.startsWith('logs:'))) {
          expect(targets).toEqual([logGroupId]);
          expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
        } else if (actions.every((a) => a.startsWith('sqs:'))) {
          expect([...types]).toEqual(['AWS::SQS::Queue']);
        } else if (actions.every((a) => a.startsWith('sns:'))) {
          expect(actions).toEqual(['sns:Publish']);
          expect([...types]).toEqual(['AWS::SNS::Topic']);
        } else if (actions.every((a) => a.startsWith('secretsmanager:'))) {
          // The digest key: read only, by the API alone (the one function that seals what enters).
          expect(actions.sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
          expect([...types]).toEqual(['AWS::SecretsManager::Secret']);
          expect(_key).toBe('api/http');
        } else if (actions.every((a) => a.startsWith('states:'))) {
          expect([...types]).toEqual(['AWS::StepFunctions::StateMachine']);
          const machines = targets.map((id) => json.Resources[id]!.Metadata?.['medins:workflow']);
          if (_key === 'review/open-review') {
            // Starts a held claim's review, nothing else.
            expect(actions).toEqual(['states:StartExecution']);
            expect(machines).toEqual(['ReviewWorkflow']);
          } else if (actions.includes('states:SendTaskSuccess')) {
            // The claims consumer resumes a waiting review with a decision: only ReviewWorkflow's tasks, only success.
            expect(_key).toBe('ingest/queue-consumer');
            expect(actions).toEqual(['states:SendTaskSuccess']);
            expect(machines).toEqual(['ReviewWorkflow']);
          } else {
            expect(actions).toEqual(['states:StartSyncExecution']);
          }
        } else {
          expect([...types], JSON.stringify(s)).toEqual(['AWS::DynamoDB::Table']);
        }
      }
    },
  );

  it('a state machine role invokes only the functions of its own definition', () => {
    for (const [smId, sm] of resourcesOfType(json, 'AWS::StepFunctions::StateMachine')) {
      const inDefinition = [...referencedIds(props(sm).DefinitionString)].filter(
        (id) => json.Resources[id]!.Type === 'AWS::Lambda::Function',
      );
      const invoked = statementsOfRole(json, refTarget(props(sm).RoleArn)!)
        .filter((s) => asList(s.Action).includes('lambda:InvokeFunction'))
        .flatMap((s) => asList(s.Resource).flatMap((r) => [...referencedIds(r)]));
      expect([...new Set(invoked)].sort(), smId).toEqual([...new Set(inDefinition)].sort());
    }
  });

  it('the schedule may start the renewal workflow and nothing else', () => {
    const [[, schedule]] = resourcesOfType(json, 'AWS::Scheduler::Schedule') as [[string, never]];
    const roleId = refTarget(props(schedule).Target.RoleArn)!;
    const statements = statementsOfRole(json, roleId);
    expect(statements.map((s) => asList(s.Action))).toEqual([['states:StartExecution']]);
    const [target] = [...referencedIds(statements[0]!.Resource)];
    expect(json.Resources[target!]!.Metadata?.['medins:workflow']).toBe('RenewalWorkflow');
  });

  it('uses the partition token: no ARN in the template is written for one partition', () => {
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/arn:aws(-cn|-us-gov)?:/u);
    expect(text).toContain('"Ref":"AWS::Partition"');
  });
});
