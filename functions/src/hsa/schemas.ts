/**
 * functions → hsa: zod schemas of the platform's messages as the gateway takes
 * them — the envelope and the `input` of each interface, with the fields the
 * public HIS clients send (../shared/hsa/fields.json). Fields we do not use are
 * let through unread (see docs/hsa-gateway.md); the ones we use are checked, each
 * error naming its field and rule. Money is yuan text (a `WireNumber`) turned into
 * integer fen exactly: a third decimal, a negative amount or a non-number is refused.
 */
import { z } from 'zod';
import { dateOfPlatformDateTime, fenOfYuanText, WireNumber } from './wire.ts';

/** The largest line or bill we take: 100 million yuan, as the native contract's claim total. */
const MAX_FEN = 10_000_000_000;

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** A code or id of the platform: printable, no spaces or `|` (it becomes part of our keys). */
const code = (max: number) => text(max).regex(/^[^\s|]+$/u, { error: 'must not contain spaces or |' });

/** Yuan with at most two decimals, as a JSON number, to integer fen; not negative. */
export const yuan = z.instanceof(WireNumber, { error: 'must be a JSON number in yuan' }).transform((n, ctx) => {
  const fen = fenOfYuanText(n.text);
  if (fen === null) ctx.addIssue({ code: 'custom', message: `must be yuan with at most two decimals (got ${n.text})` });
  else if (fen < 0) ctx.addIssue({ code: 'custom', message: `must not be negative (got ${n.text})` });
  else if (fen > MAX_FEN) ctx.addIssue({ code: 'custom', message: `must be at most 100000000 yuan (got ${n.text})` });
  else return fen;
  return z.NEVER;
});

/** A positive decimal (cnt, pric) as written; kept as text, never used for money. */
const decimal = z
  .instanceof(WireNumber, { error: 'must be a JSON number' })
  .refine((n) => /^\d{1,16}(\.\d{1,6})?$/.test(n.text), { error: 'must be a non-negative decimal with at most 6 decimals' })
  .transform((n) => n.text);

const dateTime = z
  .string({ error: 'must be a datetime yyyy-MM-dd HH:mm:ss' })
  .refine((s) => dateOfPlatformDateTime(s) !== null, { error: 'must be a real datetime yyyy-MM-dd HH:mm:ss' });

/** The request envelope: the fields the gateway reads; the rest (signature, device, version…) are let through. */
export const EnvelopeSchema = z.looseObject({
  infno: z.enum(['2201', '2203', '2204', '2205', '2206', '2207', '2208', '5206'], {
    error: 'must be one of 2201, 2203, 2204, 2205, 2206, 2207, 2208, 5206',
  }),
  msgid: code(30),
  fixmedins_code: code(30),
  mdtrtarea_admvs: code(6).optional(),
  insuplc_admdvs: code(6).optional(),
  inf_time: z.string().optional(),
  opter: z.string().max(30).optional(),
  input: z.looseObject({}, { error: 'must be an object of named nodes (data, feedetail…)' }),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** The patient's credential as presented at the counter: 01 = the medical e-voucher's token. */
const credential = {
  mdtrt_cert_type: z.literal('01', { error: 'must be 01 (医保电子凭证 token): the only credential this gateway verifies' }),
  mdtrt_cert_no: text(4096),
};

const psn = { psn_no: code(30) };

export const Input2201Schema = z.looseObject({
  data: z.looseObject({ ...psn, insutype: code(6), begntime: dateTime, ...credential, ipt_otp_no: z.string().max(30).optional() }),
});

export const Input2203Schema = z.looseObject({
  mdtrtinfo: z.looseObject({ mdtrt_id: code(30), ...psn, med_type: code(6), begntime: dateTime.optional() }),
});

export const FeeDetailSchema = z.looseObject({
  feedetl_sn: code(30),
  mdtrt_id: code(30),
  ...psn,
  chrg_bchno: code(30),
  fee_ocur_time: dateTime,
  med_list_codg: code(50),
  medins_list_codg: z.string().max(150).optional(),
  det_item_fee_sumamt: yuan,
  cnt: decimal,
  pric: decimal,
});
export type FeeDetailInput = z.infer<typeof FeeDetailSchema>;

export const Input2204Schema = z.looseObject({
  feedetail: z
    .array(FeeDetailSchema)
    .min(1, { error: 'must hold at least one fee detail' })
    .max(1000, { error: 'must hold at most 1000 fee details' }),
});

export const Input2205Schema = z.looseObject({
  data: z.looseObject({ mdtrt_id: code(30), chrg_bchno: code(30), ...psn }),
});

export const Input2206Schema = z.looseObject({
  data: z.looseObject({
    ...psn,
    ...credential,
    med_type: code(6),
    medfee_sumamt: yuan,
    mdtrt_id: code(30),
    chrg_bchno: code(30),
    insutype: code(6),
    acct_used_flag: z.enum(['0', '1'], { error: 'must be "0" (no personal account) or "1" (use it)' }).optional(),
    psn_setlway: z.string().max(6).optional(),
  }),
});
export type SettleInput = z.infer<typeof Input2206Schema>['data'];

export const Input2208Schema = z.looseObject({
  data: z.looseObject({ setl_id: code(30), mdtrt_id: code(30), ...psn }),
});

export const Input5206Schema = z.looseObject({
  data: z.looseObject({
    ...psn,
    cum_ym: z
      .string()
      .regex(/^\d{4}(0[1-9]|1[0-2])?$/, { error: 'must be yyyyMM (or yyyy)' })
      .optional(),
  }),
});

/** The input schema of each interface (2207 takes 2206's data: the same bill, settled). */
export const INPUT_SCHEMAS = {
  '2201': Input2201Schema,
  '2203': Input2203Schema,
  '2204': Input2204Schema,
  '2205': Input2205Schema,
  '2206': Input2206Schema,
  '2207': Input2206Schema,
  '2208': Input2208Schema,
  '5206': Input5206Schema,
} as const;

/** `a.b[0].c: message; …` for an error's issues, each path from the envelope's root. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const path = i.path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), prefix);
      return `${path || '(message)'}: ${i.message}`;
    })
    .join('; ');
}
