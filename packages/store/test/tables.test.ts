/**
 * tables.ts: table names reach a process as one environment variable per role
 * (`MEDINS_TABLE_<ROLE>`); a role the process needs and does not get is a
 * deployment error that names the variable.
 */
import { ConfigurationError, MedinsError } from '@medins/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TABLE_ROLES, type TableRole, tableEnvVar, tableNamesFromEnv } from '../src/tables.ts';

/** An environment naming a table `medins-<role>` for each of `roles`. */
const envFor = (roles: readonly TableRole[]): NodeJS.ProcessEnv => Object.fromEntries(roles.map((r) => [tableEnvVar(r), `medins-${r}`]));

/** The error `act` throws; fails the test when it throws nothing. */
function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('tableEnvVar', () => {
  it('spells the variable MEDINS_TABLE_ and the role in capitals', () => {
    expect(tableEnvVar('events')).toBe('MEDINS_TABLE_EVENTS');
    expect(tableEnvVar('bindings')).toBe('MEDINS_TABLE_BINDINGS');
  });
});

describe('tableNamesFromEnv', () => {
  it('reads every role when all are set', () => {
    // Act
    const names = tableNamesFromEnv(envFor(TABLE_ROLES));

    // Assess
    expect(names).toEqual(Object.fromEntries(TABLE_ROLES.map((r) => [r, `medins-${r}`])));
  });

  it('throws a ConfigurationError naming the variable of a missing required role', () => {
    // Prepare
    const env = envFor(TABLE_ROLES.filter((r) => r !== 'policies'));

    // Act
    const error = thrownBy(() => tableNamesFromEnv(env));

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toBeInstanceOf(MedinsError);
    expect(error).toMatchObject({
      name: 'ConfigurationError',
      code: 'CONFIGURATION_MISSING',
      entity: 'MEDINS_TABLE_POLICIES',
      message: 'environment variable MEDINS_TABLE_POLICIES is not set',
    });
  });

  it('takes an empty variable as not set', () => {
    expect(() => tableNamesFromEnv({ ...envFor(TABLE_ROLES), MEDINS_TABLE_EVENTS: '' })).toThrow(
      'environment variable MEDINS_TABLE_EVENTS is not set',
    );
  });

  it('names the first missing role in role order', () => {
    expect(thrownBy(() => tableNamesFromEnv(envFor(['catalog', 'members'])))).toMatchObject({ entity: 'MEDINS_TABLE_ACCOUNTS' });
  });

  it('skips the roles a process does not need when they are not set', () => {
    // Act
    const names = tableNamesFromEnv(envFor(['events', 'policies']), ['events', 'policies']);

    // Assess
    expect(names).toEqual({ events: 'medins-events', policies: 'medins-policies' });
  });

  it('still reads a role the process does not need when it is set', () => {
    expect(tableNamesFromEnv(envFor(['events', 'policies']), ['events'])).toEqual({ events: 'medins-events', policies: 'medins-policies' });
  });

  it('throws for a needed role even when the others are optional', () => {
    expect(thrownBy(() => tableNamesFromEnv(envFor(['events']), ['events', 'accounts']))).toMatchObject({
      entity: 'MEDINS_TABLE_ACCOUNTS',
    });
  });

  it('reads the process environment by default', () => {
    // Prepare
    for (const role of TABLE_ROLES) vi.stubEnv(tableEnvVar(role), `from-process-${role}`);

    // Act
    const names = tableNamesFromEnv();

    // Assess
    expect(names.bindings).toBe('from-process-bindings');
  });
});
