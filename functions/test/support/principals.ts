/**
 * Test support: the service callers of the API tests (one operations role, two
 * provinces' insurers, two hospitals of Quzhou) and an unregistered caller, as
 * registered in the catalog (`principal|<arn>`).
 */
export const ARN = {
  ops: 'arn:aws:iam::111122223333:role/operations',
  insurerZj: 'arn:aws:iam::111122223333:role/insurer-zhejiang',
  insurerJs: 'arn:aws:iam::111122223333:role/insurer-jiangsu',
  hospital: 'arn:aws:iam::111122223333:role/hospital-qz-3',
  otherHospital: 'arn:aws:iam::111122223333:role/hospital-qz-1',
  stranger: 'arn:aws:iam::111122223333:user/nobody',
};

export const PRINCIPALS = {
  [ARN.ops]: { role: 'operations' },
  [ARN.insurerZj]: { role: 'insurer', regions: ['330000'] },
  [ARN.insurerJs]: { role: 'insurer', regions: ['320000'] },
  [ARN.hospital]: { role: 'provider', providerIds: ['H-QZ-3'] },
  [ARN.otherHospital]: { role: 'provider', providerIds: ['H-QZ-1'] },
};
