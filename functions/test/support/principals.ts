/**
 * Test support: the service callers of the API tests (one operations role, two
 * provinces' insurers and reviewers, two hospitals of Quzhou) and an unregistered caller, as
 * registered in the catalog (`principal|<arn>`).
 */
export const ARN = {
  ops: 'arn:aws:iam::111122223333:role/operations',
  insurerZj: 'arn:aws:iam::111122223333:role/insurer-zhejiang',
  insurerJs: 'arn:aws:iam::111122223333:role/insurer-jiangsu',
  hospital: 'arn:aws:iam::111122223333:role/hospital-qz-3',
  otherHospital: 'arn:aws:iam::111122223333:role/hospital-qz-1',
  stranger: 'arn:aws:iam::111122223333:user/nobody',
  reviewerZj: 'arn:aws:iam::111122223333:role/reviewers-zhejiang',
  reviewerJs: 'arn:aws:iam::111122223333:role/reviewers-jiangsu',
};

export const PRINCIPALS = {
  [ARN.ops]: { role: 'operations' },
  [ARN.insurerZj]: { role: 'insurer', regions: ['330000'] },
  [ARN.insurerJs]: { role: 'insurer', regions: ['320000'] },
  [ARN.hospital]: { role: 'provider', providerIds: ['H-QZ-3'] },
  [ARN.otherHospital]: { role: 'provider', providerIds: ['H-QZ-1'] },
  [ARN.reviewerZj]: { role: 'reviewer', regions: ['330000'] },
  [ARN.reviewerJs]: { role: 'reviewer', regions: ['320000'] },
};
