/**
 * The contract's primitive fields, each with the rule it enforces spelled out in
 * its error message: money in integer fen, ratios as decimals in 0..1, times in
 * ISO 8601 with an offset, dates as real `YYYY-MM-DD` calendar dates.
 */

import { LINE_CATEGORIES, MAX_FEN, parseInstant, parseLocalDate, RELATIONSHIPS, SCHEMES, VISIT_TYPES } from '@medins/engine';
import { z } from 'zod';

/** An integer number of fen, 0 ≤ x ≤ 10 billion yuan. */
export const FenSchema = z
  .number({ error: 'must be an integer number of fen' })
  .int({ error: 'must be an integer number of fen (no fractions)' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_FEN, { error: `must be at most ${MAX_FEN} fen` });

/** A ratio given as a decimal between 0 and 1 (0.85). */
export const RatioSchema = z
  .number({ error: 'must be a ratio, a number between 0 and 1' })
  .min(0, { error: 'must be a ratio between 0 and 1' })
  .max(1, { error: 'must be a ratio between 0 and 1' });

/** An identifier: a non-empty string of at most 128 printable characters. */
export const IdSchema = z
  .string({ error: 'must be an id string' })
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this id must refuse.
  .regex(/^[^\s|\u0000-\u001f\u007f-\u009f]+$/u, { error: 'must not contain spaces, control characters (C0, DEL, C1) or |' })
  // A lone surrogate is not text: it cannot be percent-encoded into a URL (`/events/{id}`) nor stored as UTF-8.
  .refine((s) => !/\p{Cs}/u.test(s), { error: 'must be well-formed Unicode (no lone surrogate)' });

export const InstantSchema = z
  .string({ error: 'must be an ISO 8601 time with an offset, like 2021-03-01T10:00:00+08:00' })
  .refine((s) => parseInstant(s) !== undefined, {
    error: 'must be a real ISO 8601 time with an offset (Z or ±hh:mm), like 2021-03-01T10:00:00+08:00',
  });

export const LocalDateSchema = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .refine((s) => parseLocalDate(s) !== undefined, { error: 'must be a real calendar date YYYY-MM-DD' });

export const YearSchema = z.int({ error: 'must be a year' }).min(1900, { error: 'must be a year' }).max(2999, { error: 'must be a year' });

export const RegionCodeSchema = z
  .string({ error: 'must be a region code' })
  .regex(/^\d{6}$/, { error: 'must be a 6-digit region code like 330800' });

export const VisitTypeSchema = z.enum(VISIT_TYPES, { error: `must be one of ${VISIT_TYPES.join(', ')}` });
export const SchemeSchema = z.enum(SCHEMES, { error: `must be one of ${SCHEMES.join(', ')}` });
export const LineCategorySchema = z.enum(LINE_CATEGORIES, { error: `must be one of ${LINE_CATEGORIES.join(', ')}` });
export const RelationshipSchema = z.enum(RELATIONSHIPS, { error: `must be one of ${RELATIONSHIPS.join(', ')}` });

/**
 * A relationship named by a request: any word; whether it is allowed is a business
 * rule answered with RELATIONSHIP_NOT_ALLOWED, not a malformed document.
 */
export const RequestedRelationshipSchema = z
  .string({ error: 'must be a relationship such as spouse, parent or child' })
  .regex(/^[A-Za-z]{1,32}$/, { error: 'must be a relationship word such as spouse, parent or child' });

/** A per-provider-level table: keys are levels ("1", "2", "3"). */
export const levelMap = <T extends z.ZodType>(value: T) =>
  z.record(z.string().regex(/^[1-9]$/, { error: 'provider levels are "1", "2", "3"' }), value);

export const NameSchema = z
  .string({ error: 'must be a name' })
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' });
