import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/index.ts';
import { lenient, type ResolveContext, resolve, resolveString } from '../../src/template/intrinsics.ts';
import type { CfnTemplate } from '../../src/template/types.ts';

function context(template: CfnTemplate = {}, parameters?: Record<string, unknown>): ResolveContext {
  const refs: Record<string, string> = { Table: 'local-table', Queue: 'http://127.0.0.1:1/000000000000/q' };
  const atts: Record<string, string> = {
    'Queue.Arn': 'arn:aws:sqs:us-east-1:000000000000:q',
    'Fn.Arn': 'arn:aws:lambda:local:000000000000:function:Fn',
  };
  return {
    template: { Resources: { Key: { Type: 'AWS::KMS::Key' } }, ...template },
    parameters,
    pseudo: { 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': '000000000000' },
    ref: (id) => refs[id],
    getAtt: (id, attribute) => atts[`${id}.${attribute}`],
  };
}

describe('resolve', () => {
  it('joins CDK-style fragments with Ref, GetAtt and pseudo parameters', () => {
    const value = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x:', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '/', { Ref: 'Table' }]] };
    expect(resolve(value, context(), 'v')).toBe('arn:aws:x:arn:aws:lambda:local:000000000000:function:Fn/local-table');
  });

  it('substitutes both Fn::Sub forms, attribute references and ${!Literal}', () => {
    expect(resolve({ 'Fn::Sub': '${AWS::Region}/${Table}/${Queue.Arn}/${!Kept}' }, context(), 'v')).toBe(
      'us-east-1/local-table/arn:aws:sqs:us-east-1:000000000000:q/${Kept}',
    );
    expect(resolve({ 'Fn::Sub': ['${Name}-${AWS::AccountId}', { Name: { Ref: 'Table' } }] }, context(), 'v')).toBe(
      'local-table-000000000000',
    );
  });

  it('selects, splits, encodes and measures', () => {
    const ctx = context();
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }, ctx, 'v')).toBe('b');
    expect(resolve({ 'Fn::Base64': 'hi' }, ctx, 'v')).toBe('aGk=');
    expect(resolve({ 'Fn::Length': [1, 2, 3] }, ctx, 'v')).toBe(3);
    expect(resolve({ 'Fn::ToJsonString': { a: { Ref: 'Table' } } }, ctx, 'v')).toBe('{"a":"local-table"}');
    expect(resolve({ 'Fn::GetAZs': '' }, ctx, 'v')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('evaluates conditions, parameters and mappings, and drops AWS::NoValue', () => {
    const ctx = context(
      {
        Parameters: { Stage: { Type: 'String', Default: 'test' }, Zones: { Type: 'CommaDelimitedList', Default: 'a,b' } },
        Conditions: { IsTest: { 'Fn::Equals': [{ Ref: 'Stage' }, 'test'] }, NotTest: { 'Fn::Not': [{ Condition: 'IsTest' }] } },
        Mappings: { Sizes: { test: { Mb: 128 } } },
      },
      {},
    );
    expect(resolve({ 'Fn::If': ['IsTest', 'yes', 'no'] }, ctx, 'v')).toBe('yes');
    expect(resolve({ 'Fn::If': ['NotTest', 'yes', 'no'] }, ctx, 'v')).toBe('no');
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Mb'] }, ctx, 'v')).toBe(128);
    expect(resolve({ Ref: 'Zones' }, ctx, 'v')).toEqual(['a', 'b']);
    expect(resolve({ keep: 1, drop: { Ref: 'AWS::NoValue' }, list: [1, { Ref: 'AWS::NoValue' }] }, ctx, 'v')).toEqual({
      keep: 1,
      list: [1],
    });
  });

  it('names what has no local equivalent, and where, unless asked to be lenient', () => {
    const value = { 'Fn::GetAtt': ['Key', 'Arn'] };
    expect(() => resolve(value, context(), 'Table.Properties.SSESpecification')).toThrow(TemplateError);
    expect(() => resolve(value, context(), 'Table.Properties.SSESpecification')).toThrow(
      /Table\.Properties\.SSESpecification\.Fn::GetAtt: Fn::GetAtt Key\.Arn \(AWS::KMS::Key\) has no local equivalent/,
    );
    expect(resolve(value, lenient(context()), 'v')).toBe('<unresolved: Fn::GetAtt Key.Arn (AWS::KMS::Key)>');
    expect(() => resolve({ 'Fn::ImportValue': 'Shared' }, context(), 'v')).toThrow(/Fn::ImportValue/);
  });

  it('asks for a parameter value when the template gives no default', () => {
    const ctx = context({ Parameters: { Secret: { Type: 'String' } } });
    expect(() => resolve({ Ref: 'Secret' }, ctx, 'v')).toThrow(/parameter Secret has no Default/);
    expect(resolve({ Ref: 'Secret' }, { ...ctx, parameters: { Secret: 's3' } }, 'v')).toBe('s3');
  });

  it('names the path of a malformed intrinsic: an index outside the list, a missing mapping or condition, a non-list', () => {
    // Prepare
    const ctx = context({ Mappings: { Stage: { dev: { Memory: 512 } } } });
    // Act, Assess
    expect(() => resolve({ 'Fn::Select': [2, ['a', 'b']] }, ctx, 'v')).toThrow(/^v\.Fn::Select: index 2 is outside a list of 2$/);
    expect(() => resolve({ 'Fn::FindInMap': ['Stage', 'prod', 'Memory'] }, ctx, 'v')).toThrow(
      /v\.Fn::FindInMap: no mapping Stage\.prod\.Memory/,
    );
    expect(() => resolve({ 'Fn::If': ['IsProd', 'a', 'b'] }, ctx, 'v')).toThrow(/v\.Fn::If: no condition IsProd in the template/);
    expect(() => resolve({ 'Fn::Join': [',', 'not-a-list'] }, ctx, 'v')).toThrow(/v\.Fn::Join: expected a list, got "not-a-list"/);
    expect(() => resolve({ 'Fn::Select': [0] }, ctx, 'v')).toThrow(/v\.Fn::Select: expected 2 arguments, got 1/);
    expect(() => resolve({ 'Fn::Join': [',', [{ a: 1 }]] }, ctx, 'v')).toThrow(/v\.Fn::Join: expected a string, got \{"a":1\}/);
  });

  it('resolveString gives scalars as text and refuses a list or an object', () => {
    // Prepare
    const ctx = context({ Mappings: { Stage: { dev: { Memory: 512, Tracing: true } } } });
    // Act, Assess
    expect(resolveString({ 'Fn::FindInMap': ['Stage', 'dev', 'Memory'] }, ctx, 'v')).toBe('512');
    expect(resolveString({ 'Fn::FindInMap': ['Stage', 'dev', 'Tracing'] }, ctx, 'v')).toBe('true');
    expect(() => resolveString({ 'Fn::Split': [',', 'a,b'] }, ctx, 'Fn.Properties.Handler')).toThrow(
      /^Fn\.Properties\.Handler: expected a string, got \["a","b"\]$/,
    );
  });
});
