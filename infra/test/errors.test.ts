/**
 * errors.ts: infra's errors are of the project's family (MedinsError), each with
 * its literal name and code, thrown where the app refuses a stage.
 */

import { MedinsError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/build-app.ts';
import { stageSettings } from '../src/config/stage.ts';
import { ContextValueError, MissingHandlerError, StageError } from '../src/errors.ts';

const thrownBy = (act: () => unknown): unknown => {
  try {
    act();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe.each([
  { make: () => new StageError('m', { entity: 'x', cause: 'c' }), name: 'StageError', code: 'UNKNOWN_STAGE' },
  { make: () => new MissingHandlerError('m', { entity: 'x', cause: 'c' }), name: 'MissingHandlerError', code: 'HANDLER_NOT_BUILT' },
  { make: () => new ContextValueError('m', { entity: 'x', cause: 'c' }), name: 'ContextValueError', code: 'INVALID_CONTEXT' },
])('$name', ({ make, name, code }) => {
  it(`is a MedinsError named ${name} with code ${code}, keeping entity and cause`, () => {
    const error = make();
    expect(error).toBeInstanceOf(MedinsError);
    expect([error.name, error.code, error.entity, error.cause]).toEqual([name, code, 'x', 'c']);
  });
});

describe('where infra refuses', () => {
  it('an unknown stage is a StageError about the stage', () => {
    const error = thrownBy(() => stageSettings('staging'));
    expect(error).toBeInstanceOf(StageError);
    expect(error).toMatchObject({ entity: 'stage', message: 'stage must be one of dev, prod, got "staging"' });
  });

  it.each([
    [{ memberIssuer: 'http://login.example' }, 'memberIssuer', 'memberIssuer must be an https URL, got "http://login.example"'],
    [{ memberIssuer: 'login.example' }, 'memberIssuer', 'memberIssuer must be an https URL, got "login.example"'],
    [{ memberAudience: ' , ,' }, 'memberAudience', 'memberAudience must name at least one audience'],
  ])('a member identity provider API Gateway would refuse (%o) is a ContextValueError about %s', (context, entity, message) => {
    const error = thrownBy(() => buildApp({ bundle: false, nag: false, context }));
    expect(error).toBeInstanceOf(ContextValueError);
    expect(error).toMatchObject({ entity, message });
  });
});
