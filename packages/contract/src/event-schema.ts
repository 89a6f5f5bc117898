/**
 * Schemas of the events: the shape of what hospitals, pharmacies, members and
 * operations send. Exported one by one for the HTTP API and the queue consumers.
 */
import { z } from 'zod';
import {
  FenSchema,
  IdSchema,
  InstantSchema,
  LineCategorySchema,
  LocalDateSchema,
  NameSchema,
  RatioSchema,
  RequestedRelationshipSchema,
  VisitTypeSchema,
} from './primitives.ts';

export const CostLineSchema = z
  .strictObject({
    code: IdSchema,
    category: LineCategorySchema,
    amountFen: FenSchema,
    selfPayRatio: RatioSchema.optional(),
    onLabel: z.boolean().optional(),
  })
  .superRefine((line, ctx) => {
    if (line.category === 'B' && line.selfPayRatio === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['selfPayRatio'],
        message: 'a B line needs its selfPayRatio (先行自付比例), a ratio between 0 and 1',
      });
    }
  });

const eventBase = { id: IdSchema, at: InstantSchema };

/**
 * A claim's or a quote's total ceiling: 100 million yuan (10¹⁰ fen), generous for
 * any real bill (the costliest treatments cost a few million yuan). With it a
 * year's sums stay far inside safe integers: 900,000 such claims of one member in
 * a year before 2⁵³ fen, where one line alone may be 10¹² fen.
 */
export const MAX_CLAIM_TOTAL_FEN = 10_000_000_000;

const visit = {
  ...eventBase,
  memberId: IdSchema,
  cardHolderId: IdSchema,
  providerId: IdSchema,
  visitType: VisitTypeSchema,
  serviceDate: LocalDateSchema,
  /** The provider's visit id (就诊ID, mdtrt_id): a settled, unreversed claim of the same provider holds it (DUPLICATE_VISIT). */
  visitId: IdSchema.optional(),
  useAccount: z.boolean().default(true),
  lines: z
    .array(CostLineSchema)
    .min(1, { error: 'a visit has at least one cost line' })
    .max(1000, { error: 'a visit has at most 1000 cost lines' })
    // On the lines, not the event: the API derives its request schemas with `.omit`, which an object refinement forbids.
    .refine((lines) => lines.reduce((sum, l) => sum + l.amountFen, 0) <= MAX_CLAIM_TOTAL_FEN, {
      error: `the lines' total must be at most ${MAX_CLAIM_TOTAL_FEN} fen (100 million yuan)`,
    })
    .meta({ description: `1 to 1000 cost lines whose amounts add up to at most ${MAX_CLAIM_TOTAL_FEN} fen (100 million yuan)` }),
};

export const ClaimEventSchema = z.strictObject({ type: z.literal('claim'), ...visit });
export const QuoteEventSchema = z.strictObject({ type: z.literal('quote'), ...visit });

/**
 * How one family of schemas spells a personal value: the public doors (the API,
 * scenario files) take clear text; what the system keeps, queues and hands its
 * workflows takes the sealed form (core/personal.ts: a keyed digest and a masked
 * display form). Both families come from the same builders below.
 */
interface PersonalSchemas<N extends z.ZodType = z.ZodType, I extends z.ZodType = z.ZodType, C extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly idNumber: I;
  readonly phone: I;
  readonly certificateNo: C;
}

const CLEAR = {
  name: NameSchema,
  idNumber: z.string().max(32),
  phone: z.string().max(32),
  certificateNo: z.string().min(1).max(32),
} satisfies PersonalSchemas;

/** A keyed digest: HMAC-SHA-256 in base64url (43 characters). */
const DigestSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'must be a keyed digest (43 base64url characters)' });
/** A sealed personal value: its keyed digest and its masked display form, never the clear value. */
export const SealedSchema = z.strictObject({ digest: DigestSchema, masked: z.string().max(64) });
/** A sealed value with its shape checked at the seal (an ID number's GB 11643 check, a phone's). */
const SealedCheckedSchema = z.strictObject({ digest: DigestSchema, masked: z.string().max(64), valid: z.boolean() });

const SEALED = {
  name: SealedSchema,
  idNumber: SealedCheckedSchema,
  phone: SealedCheckedSchema,
  certificateNo: SealedSchema,
} satisfies PersonalSchemas;

const realNameSchema = <N extends z.ZodType, I extends z.ZodType, C extends z.ZodType>(p: PersonalSchemas<N, I, C>) =>
  z.strictObject({ name: p.name, idNumber: p.idNumber, phone: p.phone });

const enrollEventSchema = <N extends z.ZodType, I extends z.ZodType, C extends z.ZodType>(p: PersonalSchemas<N, I, C>) =>
  z.strictObject({
    type: z.literal('enroll'),
    ...eventBase,
    productId: IdSchema,
    payerId: IdSchema,
    insuredId: IdSchema,
    relationship: RequestedRelationshipSchema,
    payment: z.enum(['personalAccount', 'cash'], { error: 'must be "personalAccount" or "cash"' }),
    realName: realNameSchema(p).nullable().optional(),
  });

const relativeProofSchema = <N extends z.ZodType, I extends z.ZodType, C extends z.ZodType>(p: PersonalSchemas<N, I, C>) =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('idNumber'), name: p.name, idNumber: p.idNumber }),
      z.strictObject({
        kind: z.literal('birthCertificate'),
        certificateNo: p.certificateNo,
        motherName: p.name,
        motherIdNumber: p.idNumber,
      }),
    ],
    { error: 'proof kind must be "idNumber" or "birthCertificate"' },
  );

const bindFamilyEventSchema = <N extends z.ZodType, I extends z.ZodType, C extends z.ZodType>(p: PersonalSchemas<N, I, C>) =>
  z.strictObject({
    type: z.literal('bindFamily'),
    ...eventBase,
    holderId: IdSchema,
    memberId: IdSchema,
    relationship: RequestedRelationshipSchema,
    validFrom: InstantSchema,
    /** Excluded: the window is half-open [validFrom, validTo). */
    validTo: InstantSchema.nullable().default(null),
    /** Optional: the relative named as for a viewer binding, checked the same way. */
    proof: relativeProofSchema(p).optional(),
  });

const bindViewerEventSchema = <N extends z.ZodType, I extends z.ZodType, C extends z.ZodType>(p: PersonalSchemas<N, I, C>) =>
  z.strictObject({
    type: z.literal('bindViewer'),
    ...eventBase,
    ownerId: IdSchema,
    memberId: IdSchema,
    relationship: RequestedRelationshipSchema,
    proof: relativeProofSchema(p),
    faceVerified: z.boolean().default(false),
  });

/** The payer's real-name data (实名信息) as a caller sends it. */
export const RealNameSchema = realNameSchema(CLEAR);
export const EnrollEventSchema = enrollEventSchema(CLEAR);
/** How a request names a relative: name and ID number, or a newborn's birth certificate (bindViewer, bindFamily). */
export const RelativeProofSchema = relativeProofSchema(CLEAR);
/** The viewer binding's proof: the relative proof (one schema for both bindings). */
export const ViewerProofSchema = RelativeProofSchema;
export const BindFamilyEventSchema = bindFamilyEventSchema(CLEAR);
export const BindViewerEventSchema = bindViewerEventSchema(CLEAR);

export const UnbindFamilyEventSchema = z.strictObject({
  type: z.literal('unbindFamily'),
  ...eventBase,
  holderId: IdSchema,
  memberId: IdSchema,
});

export const RenewalCampaignEventSchema = z.strictObject({
  type: z.literal('renewalCampaign'),
  ...eventBase,
  fromProductId: IdSchema,
  toProductId: IdSchema,
});

export const ReverseClaimEventSchema = z.strictObject({
  type: z.literal('reverseClaim'),
  ...eventBase,
  claimId: IdSchema,
});

/**
 * A reviewer's decision on a held claim: approve (optionally without the lines whose
 * `code` is in `rejectedLines`) or reject (the list is then ignored).
 */
export const ReviewDecisionEventSchema = z.strictObject({
  type: z.literal('reviewDecision'),
  ...eventBase,
  claimId: IdSchema,
  decision: z.enum(['approve', 'reject'], { error: 'must be "approve" or "reject"' }),
  /** Line codes an approval removes; a code on no line is ignored. */
  rejectedLines: z.array(IdSchema).max(1000, { error: 'at most 1000 line codes' }).default([]),
});

export const EVENT_TYPES = [
  'claim',
  'quote',
  'enroll',
  'bindFamily',
  'unbindFamily',
  'renewalCampaign',
  'reverseClaim',
  'reviewDecision',
  'bindViewer',
] as const;

const eventSchema = <N extends z.ZodType, I extends z.ZodType, C extends z.ZodType>(p: PersonalSchemas<N, I, C>) =>
  z.discriminatedUnion(
    'type',
    [
      ClaimEventSchema,
      QuoteEventSchema,
      enrollEventSchema(p),
      bindFamilyEventSchema(p),
      UnbindFamilyEventSchema,
      RenewalCampaignEventSchema,
      ReverseClaimEventSchema,
      ReviewDecisionEventSchema,
      bindViewerEventSchema(p),
    ],
    { error: `type must be one of ${EVENT_TYPES.join(', ')}` },
  );

/** An event as a caller sends it (the API's bodies, a scenario's events): personal data in clear. */
export const EventSchema = eventSchema(CLEAR);
/**
 * An event as the system keeps and moves it (the events table, the queues and
 * their dead-letter queues, the workflows' state): personal data sealed. A clear
 * value there is invalid.
 */
export const SealedEventSchema = eventSchema(SEALED);

export type EventDoc = z.infer<typeof EventSchema>;
export type SealedEventDoc = z.infer<typeof SealedEventSchema>;
