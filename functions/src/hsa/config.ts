/**
 * functions → hsa: the gateway's configuration — what differs by region and
 * what the platform codes mean to us — kept as data in the catalog table
 * (`hsa|config`), never in code: insurance types (险种), medical types (医疗类别),
 * the medical list catalogue (医保目录: class and first self-pay ratio of each
 * national list code), and per region the fund codes (`fund_pay_type`) and the
 * setlinfo field each tier's payout goes to. The supplementary product (惠民保) has
 * no national field: the region's configuration says where it goes.
 */
import { LINE_CATEGORIES, SCHEMES, VISIT_TYPES } from '@medins/engine';
import { z } from 'zod';

/** The setlinfo fields a tier's payout may be written to. */
export const FUND_FIELDS = ['hifp_pay', 'hifmi_pay', 'hifob_pay', 'hifes_pay', 'cvlserv_pay', 'maf_pay', 'oth_pay', 'hifdm_pay'] as const;
export type FundField = (typeof FUND_FIELDS)[number];

const FundSchema = z.strictObject({
  /** `fund_pay_type` code (e.g. 310100). */
  code: z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit fund_pay_type code' }),
  name: z.string().min(1).max(100),
  field: z.enum(FUND_FIELDS, { error: `must be one of ${FUND_FIELDS.join(', ')}` }),
});
export type FundCode = z.infer<typeof FundSchema>;

const bySchemeSchema = z.strictObject(
  Object.fromEntries(SCHEMES.map((s) => [s, FundSchema])) as Record<(typeof SCHEMES)[number], typeof FundSchema>,
);

const RegionFundsSchema = z.strictObject({
  basic: bySchemeSchema,
  criticalIllness: bySchemeSchema,
  assistance: FundSchema,
  supplementary: FundSchema,
});
export type RegionFunds = z.infer<typeof RegionFundsSchema>;

const ListItemSchema = z.strictObject({
  category: z.enum(LINE_CATEGORIES),
  /** A `B` item's first self-pay ratio (先行自付比例), as a decimal 0..1. */
  selfPayRatio: z.number().min(0).max(1).optional(),
});
export type ListItem = z.infer<typeof ListItemSchema>;

/** The `hsa|config` document. */
export const HsaConfigSchema = z.strictObject({
  /** insutype code → our scheme (310 职工基本医疗保险 → employee, 390 城乡居民 → resident). */
  insutypes: z.record(z.string(), z.enum(SCHEMES)),
  /** med_type code → our visit type (11 普通门诊 → outpatient, 14 门诊慢特病 → specialOutpatient, 41 定点药店购药 → pharmacy). */
  medTypes: z.record(z.string(), z.enum(VISIT_TYPES)),
  /** The medical list catalogue: national list code (med_list_codg) → class and first self-pay ratio. */
  list: z.record(z.string(), ListItemSchema),
  /** Fund codes by the member's region code, else its province (`xx0000`), else `default`. */
  regions: z.record(z.string(), RegionFundsSchema).refine((r) => Object.hasOwn(r, 'default'), { error: 'must have a default region' }),
  /** Accumulator kind (our counter name with its plan as `*`, e.g. `basic:*:outpatient:deductible`) → cum_type_code. */
  cumTypes: z.record(z.string(), z.string()).default({}),
});
export type HsaConfig = z.infer<typeof HsaConfigSchema>;

/** The fund codes of a member's region: the city's, else the province's, else the default. */
export function fundsOf(config: HsaConfig, region: string): RegionFunds {
  return config.regions[region] ?? config.regions[`${region.slice(0, 2)}0000`] ?? (config.regions.default as RegionFunds);
}

/** The config key in the catalog table. */
export const HSA_CONFIG_KEY = 'hsa|config';

/**
 * The national codes most regions use, as a starting configuration (the local
 * stack seeds it; operations publish their region's own). Its list holds the
 * demo's items only: a real deployment loads the province's catalogue.
 */
export const NATIONAL_DEFAULTS: z.input<typeof HsaConfigSchema> = {
  insutypes: { '310': 'employee', '390': 'resident' },
  medTypes: { '11': 'outpatient', '12': 'outpatient', '14': 'specialOutpatient', '41': 'pharmacy', '21': 'inpatient' },
  list: {
    XA01AAA000A001010100001: { category: 'A' },
    XB01BBB000B001010100002: { category: 'B', selfPayRatio: 0.1 },
    XC01CCC000C001010100003: { category: 'OOC' },
    '001201000010000-120100001': { category: 'A' },
  },
  regions: {
    default: {
      basic: {
        employee: { code: '310100', name: '职工基本医疗保险统筹基金', field: 'hifp_pay' },
        resident: { code: '390100', name: '城乡居民基本医疗保险基金', field: 'hifp_pay' },
      },
      criticalIllness: {
        employee: { code: '330100', name: '职工大额医疗费用补助基金', field: 'hifob_pay' },
        resident: { code: '390200', name: '城乡居民大病医疗保险基金', field: 'hifmi_pay' },
      },
      assistance: { code: '610100', name: '医疗救助基金', field: 'maf_pay' },
      supplementary: { code: '999996', name: '城市定制型商业医疗保险(惠民保)', field: 'oth_pay' },
    },
  },
  cumTypes: {},
};
