/**
 * functions → api: the OpenAPI document's example request bodies, one per
 * submission route (one per event type where a route takes several). They are
 * written for the example world `docs/examples/api-world.scenario.json` with the
 * server's clock in April 2024 — `npm run api -- --scenario
 * docs/examples/api-world.scenario.json --now 2024-04-01T10:00:00+08:00` — and
 * test/api/examples.test.ts sends each one there and gets the documented status.
 * The names, ID numbers and phones are invented (valid check digits, no person).
 */
import { scopedId, scopeOf } from './idempotency.ts';

/** The example world's ids the examples use. */
export const EXAMPLE_WORLD = {
  file: 'docs/examples/api-world.scenario.json',
  /** The server's clock the examples are written for (`npm run api -- --now`). */
  now: '2024-04-01T10:00:00+08:00',
  hospital: 'H-QZ-3',
  patient: { id: 'qz-1', name: '张三', idNumber: '330802198001010016', phone: '13800000001' },
  spouse: { id: 'qz-2', name: '李四', idNumber: '330802198202020026' },
  product: 'huiqubao-2024',
  /** The callers the examples are sent as (registered by the test, and by hand for `npm run api`). */
  hospitalArn: 'arn:aws:iam::000000000000:role/example-hospital',
  reviewerArn: 'arn:aws:iam::000000000000:role/example-reviewers',
} as const;

/** claim-0001 as stored: a decision names the claim by its stored id, the hospital's key in the hospital's scope. */
const STORED_CLAIM_ID = scopedId(scopeOf({ id: EXAMPLE_WORLD.hospitalArn, role: 'operations' }), 'claim-0001');

export interface RequestExample {
  readonly summary: string;
  readonly value: Record<string, unknown>;
}

const { patient, spouse, hospital } = EXAMPLE_WORLD;

const visit = (type: 'claim' | 'quote', id: string) => ({
  type,
  id,
  memberId: patient.id,
  providerId: hospital,
  visitType: 'inpatient',
  serviceDate: '2024-03-02',
  lines: [
    { code: 'A-0001', category: 'A', amountFen: 400_000 },
    { code: 'B-0001', category: 'B', amountFen: 100_000, selfPayRatio: 0.1 },
  ],
});

/** The e-voucher placeholder of the national gateway's example: a real one comes from `npm run credential -- voucher qz-1`. */
export const VOUCHER_PLACEHOLDER = '<the patient’s e-voucher: npm run --silent credential -- voucher qz-1>';

/** The example bodies by route key (`POST /claims`), each named. */
export const REQUEST_EXAMPLES: Readonly<Record<string, Readonly<Record<string, RequestExample>>>> = {
  'POST /claims': {
    inpatient: {
      summary: 'an inpatient stay: a category A line and a category B line with 10 % self-pay (header x-medins-credential)',
      value: visit('claim', 'claim-0001'),
    },
  },
  'POST /quotes': {
    inpatient: { summary: 'the same stay, quoted: what each tier and account would pay', value: visit('quote', 'quote-0001') },
  },
  'POST /reversals': {
    reverse: { summary: 'reverse claim-0001 (settled)', value: { type: 'reverseClaim', id: 'reversal-0001', claimId: 'claim-0001' } },
  },
  'POST /reviews': {
    approve: {
      summary:
        'a reviewer approves claim-0001 without its category B line (as the example reviewers; a claim that is not held is answered NOT_HELD)',
      value: { type: 'reviewDecision', id: 'review-0001', claimId: STORED_CLAIM_ID, decision: 'approve', rejectedLines: ['B-0001'] },
    },
  },
  'POST /enrollments': {
    self: {
      summary: 'the member enrolls themself in 惠民保, paid from their personal account (as qz-1)',
      value: {
        type: 'enroll',
        id: 'enroll-0001',
        productId: EXAMPLE_WORLD.product,
        payerId: patient.id,
        insuredId: patient.id,
        relationship: 'self',
        payment: 'personalAccount',
        realName: { name: patient.name, idNumber: patient.idNumber, phone: patient.phone },
      },
    },
  },
  'POST /bindings': {
    bindFamily: {
      summary: 'the holder binds their spouse to their family mutual-aid account (as qz-1)',
      value: {
        type: 'bindFamily',
        id: 'bind-0001',
        holderId: patient.id,
        memberId: spouse.id,
        relationship: 'spouse',
        validFrom: '2024-04-02T00:00:00+08:00',
      },
    },
    bindViewer: {
      summary:
        'the owner lets their spouse view their account (亲情账户), proving the relationship (as qz-1, with x-medins-face-verification)',
      value: {
        type: 'bindViewer',
        id: 'viewer-0001',
        ownerId: patient.id,
        memberId: spouse.id,
        relationship: 'spouse',
        proof: { kind: 'idNumber', name: spouse.name, idNumber: spouse.idNumber },
      },
    },
    unbindFamily: {
      summary: 'the holder ends the binding (as qz-1)',
      value: { type: 'unbindFamily', id: 'unbind-0001', holderId: patient.id, memberId: spouse.id },
    },
  },
  'POST /hsa': {
    register2201: {
      summary: '2201: the hospital registers a visit of the e-voucher’s holder (mdtrt_cert_no: a fresh e-voucher)',
      value: {
        infno: '2201',
        msgid: 'H000120240401100000000001',
        mdtrtarea_admvs: '330800',
        insuplc_admdvs: '330800',
        recer_sys_code: 'YBXT',
        infver: 'V1.0',
        opter_type: '1',
        opter: '001',
        opter_name: '收费员',
        inf_time: '2024-04-01 10:00:00',
        fixmedins_code: hospital,
        fixmedins_name: '衢州市人民医院',
        sign_no: '',
        input: {
          data: {
            psn_no: patient.id,
            insutype: '310',
            begntime: '2024-04-01 09:00:00',
            mdtrt_cert_type: '01',
            mdtrt_cert_no: VOUCHER_PLACEHOLDER,
            ipt_otp_no: 'MZ0001',
            atddr_no: 'D01',
            dr_name: '医生',
            dept_code: 'K01',
            dept_name: '内科',
            caty: 'A03',
          },
        },
      },
    },
  },
};
