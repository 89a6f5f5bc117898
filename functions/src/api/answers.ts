/**
 * functions → api: the schemas of what the HTTP API answers, in zod, as the
 * request schemas are (request.ts). The OpenAPI document (openapi.ts) is generated
 * from both, and the tests parse real answers with these schemas, so the document
 * cannot drift from what the function sends. Amounts are integer fen.
 */
import { PolicySchema } from '@medins/contract';
import { z } from 'zod';

const Fen = z.int().min(0).meta({ description: 'an amount in fen (1 yuan = 100 fen)' });
const SignedFen = z.int().meta({ description: 'an amount in fen' });

const Finding = z.object({ code: z.string().meta({ description: 'UPPER_SNAKE_CASE, stable' }), message: z.string() });

export const ProblemSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable: INVALID_REQUEST, CREDENTIAL_REQUIRED, FORBIDDEN, NOT_FOUND, IDEMPOTENCY_CONFLICT…' }),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string().meta({ description: 'the field, header or path parameter' }), message: z.string() }))
        .optional(),
    }),
  })
  .meta({ id: 'Problem', description: 'Why a request was refused: the field and the rule; nothing changed.' });

export const QueuedSchema = z
  .object({
    eventId: z.string().meta({ description: 'the caller’s key' }),
    status: z.literal('queued'),
    outcome: z.string().meta({ description: 'where the outcome will be (as the Location header)' }),
  })
  .meta({ id: 'Queued', description: 'Accepted and queued: poll `outcome` after `Retry-After` seconds.' });

const Payments = z
  .object({ ownAccountFen: Fen, familyAccountFen: Fen, familyHolderId: z.string().nullable(), cashFen: Fen })
  .meta({ id: 'Payments', description: 'How the patient paid what the tiers did not: own account, the family holder’s account, cash.' });

const Basic = z.object({
  planId: z.string(),
  scopeFen: Fen,
  firstSelfPayFen: Fen,
  selfFundedFen: Fen,
  nonMedicalFen: Fen,
  deductibleFen: Fen,
  paidFen: Fen,
  inPolicySelfPayFen: Fen,
});
const CriticalIllness = z.object({ planId: z.string(), aboveThresholdFen: Fen, paidFen: Fen });
const Assistance = z.object({ planId: z.string(), category: z.string(), baseFen: Fen, deductibleFen: Fen, paidFen: Fen });
const Supplementary = z.object({
  planId: z.string(),
  policyId: z.string(),
  paidFen: Fen,
  responsibilities: z.array(z.object({ id: z.string(), baseFen: Fen, deductibleFen: Fen, paidFen: Fen })),
});

const tiers = {
  basic: Basic.nullable(),
  criticalIllness: CriticalIllness.nullable(),
  assistance: Assistance.nullable(),
  supplementary: Supplementary.nullable(),
};

const ClaimResult = z
  .object({
    id: z.string(),
    type: z.enum(['claim', 'quote']),
    status: z.enum(['settled', 'quoted', 'rejected', 'held']),
    reasons: z.array(Finding),
    notes: z.array(Finding),
    totalFen: Fen,
    ...tiers,
    payments: Payments,
  })
  .meta({ id: 'ClaimResult', description: 'A claim’s settlement or a quote’s answer: what each tier paid, then accounts and cash.' });

const EnrollResult = z
  .object({
    id: z.string(),
    type: z.literal('enroll'),
    status: z.enum(['enrolled', 'rejected']),
    reasons: z.array(Finding),
    policyId: z.string().nullable(),
    premiumFen: Fen.nullable(),
    accountPaidFen: Fen,
  })
  .meta({ id: 'EnrollResult' });

const BindingResult = z
  .object({
    id: z.string(),
    type: z.enum(['bindFamily', 'bindViewer', 'unbindFamily']),
    status: z.enum(['bound', 'unbound', 'rejected']),
    reasons: z.array(Finding),
  })
  .meta({ id: 'BindingResult' });

const ReversalResult = z
  .object({
    id: z.string(),
    type: z.literal('reverseClaim'),
    status: z.enum(['reversed', 'rejected']),
    reasons: z.array(Finding),
    claimId: z.string(),
    refunds: Payments.nullable(),
  })
  .meta({ id: 'ReversalResult' });

const Failed = z
  .object({ eventId: z.string(), status: z.literal('failed'), reasons: z.array(Finding).min(1) })
  .meta({ id: 'Failed', description: 'The event failed for good (its workflow dead-lettered it, or every delivery failed).' });

export const OutcomeSchema = z
  .union([ClaimResult, EnrollResult, BindingResult, ReversalResult, Failed])
  .meta({ id: 'Outcome', description: 'An applied event’s outcome (the contract’s result), or its failure for good.' });

export const BalancesSchema = z
  .object({ memberId: z.string(), currentFen: Fen, historicalFen: Fen })
  .meta({ id: 'Balances', description: 'A member’s personal account: this year’s (current) and earlier years’ (historical) balance.' });

export const AccumulatorsSchema = z
  .object({
    memberId: z.string(),
    year: z.int(),
    counters: z.record(z.string(), SignedFen).meta({ description: 'counter → fen; a counter at zero is absent' }),
  })
  .meta({ id: 'Accumulators', description: 'What a member’s claims of a year have consumed: deductibles, caps, thresholds.' });

export const PoliciesSchema = z
  .object({ memberId: z.string(), policies: z.array(PolicySchema) })
  .meta({ id: 'Policies', description: 'The supplementary policies the member is insured by, by product id.' });

export const ExplanationSchema = z
  .object({
    claimId: z.string(),
    status: z.enum(['settled', 'reversed']),
    reversedBy: z.string().nullable(),
    memberId: z.string(),
    providerId: z.string(),
    visitType: z.string(),
    serviceDate: z.string(),
    visitId: z.string().nullable(),
    lines: z.array(
      z.object({
        code: z.string(),
        category: z.string(),
        amountFen: Fen,
        eligibleFen: Fen.meta({ description: 'the in-scope part: A whole, B less its first self-pay, OOC and non-medical 0' }),
      }),
    ),
    totalFen: Fen,
    ...tiers,
    payments: Payments,
    notes: z.array(Finding),
  })
  .meta({
    id: 'Explanation',
    description: 'A settled claim’s explanation of benefits: the visit, each tier’s payment, the patient’s share.',
  });

export const FhirExplanationOfBenefitSchema = z.looseObject({ resourceType: z.literal('ExplanationOfBenefit') }).meta({
  id: 'FhirExplanationOfBenefit',
  description:
    'A FHIR R4 ExplanationOfBenefit (https://hl7.org/fhir/R4/explanationofbenefit.html), valid against HL7’s fhir.schema.json: ' +
    'insurance[] in tier order (basic, critical illness, assistance, supplementary; the first focal), item[] per cost line, ' +
    'total[] submitted, eligible, deductible, benefit and the patient’s share (CARIN BB paidbypatient…), amounts in CNY.',
});
