/**
 * api/identity.ts: who is speaking, from what API Gateway verified, in the shapes
 * it sends them — `requestContext.authorizer.iam.userArn` (an assumed-role session
 * for a role) and `requestContext.authorizer.jwt.claims` (a member's token).
 */
import { describe, expect, it } from 'vitest';
import { callerOf, normalizeArn } from '../../src/api/identity.ts';

describe('normalizeArn', () => {
  it('turns an assumed-role session into its role, in any partition; the session name is dropped', () => {
    expect(normalizeArn('arn:aws:sts::111122223333:assumed-role/hospital-qz-3/botocore-session-1614564000')).toBe(
      'arn:aws:iam::111122223333:role/hospital-qz-3',
    );
    expect(normalizeArn('arn:aws-cn:sts::111122223333:assumed-role/medins-intake/i-0abc123')).toBe(
      'arn:aws-cn:iam::111122223333:role/medins-intake',
    );
    expect(normalizeArn('arn:aws-us-gov:sts::111122223333:assumed-role/r/s')).toBe('arn:aws-us-gov:iam::111122223333:role/r');
  });

  it('leaves users, roles and anything else as they are', () => {
    for (const arn of [
      'arn:aws:iam::111122223333:user/ops',
      'arn:aws:iam::111122223333:role/ops',
      'arn:aws:sts::111122223333:federated-user/bob',
      'arn:aws:sts::111122223333:assumed-role/only-role',
      'arn:aws:sts::11112222333:assumed-role/r/s',
      'not an arn',
    ])
      expect(normalizeArn(arn)).toBe(arn);
  });
});

describe('callerOf', () => {
  it('reads the IAM authorizer’s context as API Gateway sends it', () => {
    const iam = {
      accessKey: 'ASIA…',
      accountId: '111122223333',
      callerId: 'AROAEXAMPLE:session',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: 'arn:aws:sts::111122223333:assumed-role/hospital-qz-3/session',
      userId: 'AROAEXAMPLE:session',
    };
    expect(callerOf({ iam })).toEqual({ kind: 'iam', arn: 'arn:aws:iam::111122223333:role/hospital-qz-3' });
  });

  it('reads the JWT authorizer’s claims: `sub` is the member', () => {
    const jwt = {
      claims: {
        sub: 'm1',
        iss: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/pool',
        aud: 'medins-api',
        exp: '1614567600',
        iat: '1614564000',
      },
      scopes: null,
    };
    expect(callerOf({ jwt })).toEqual({ kind: 'member', memberId: 'm1' });
  });

  it('is nobody without a context, with an empty ARN, or a sub that is not an id', () => {
    expect(callerOf(undefined)).toBeNull();
    expect(callerOf({ iam: { userArn: '' } })).toBeNull();
    expect(callerOf({ jwt: { claims: { sub: 42 } } })).toBeNull();
    expect(callerOf({ jwt: { claims: { sub: 'x'.repeat(129) } } })).toBeNull();
  });
});
