import { describe, expect, it } from 'vitest';
import { byLogicalId, LocalStackError } from '../src/index.ts';

describe('byLogicalId', () => {
  const record = { ClaimFlowA74D6E88: 'claims', ClaimFlowDlq12345678: 'dlq', RenewalFlow0A1B2C3D: 'renewal' };

  it('finds by the full logical id or by a unique construct-id prefix', () => {
    expect(byLogicalId(record, 'ClaimFlowA74D6E88')).toBe('claims');
    expect(byLogicalId(record, 'Renewal')).toBe('renewal');
  });

  it('refuses an ambiguous or unknown prefix, listing what it could have meant', () => {
    expect(() => byLogicalId(record, 'ClaimFlow')).toThrow(/"ClaimFlow" is ambiguous: ClaimFlowA74D6E88, ClaimFlowDlq12345678/);
    expect(() => byLogicalId(record, 'Ledger')).toThrow(LocalStackError);
  });
});
