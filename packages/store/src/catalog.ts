/**
 * The catalog (regions, plans, providers) lives in the `catalog` table as the
 * contract's own JSON documents, by version. A version is written once and never
 * changed: one item `catalog|v<N>` holds all its documents (compressed), and the
 * pointer item `catalog|current` names the version in force. Publishing writes the
 * new version and moves the pointer in one transaction, so a reader sees the old
 * catalog or the new one, never a mix. A claim's workflow reads the pointer with
 * its snapshot (same BatchGetItem, load.ts), pins that version, and every later
 * step decides on `catalog(version)`: a catalog published mid-run changes no claim
 * already started.
 */

import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PlanSchema, ProviderSchema, RegionSchema, ReviewRulesSchema, toPlan, toProvider, toRegion, toReviewRules } from '@medins/contract';
import { Catalog } from '@medins/engine';
import { asStoreError } from './dynamo.ts';
import { ConflictError, StoreError } from './errors.ts';
import { type ItemRef, ref } from './items.ts';
import { getItem } from './reads.ts';
import type { TableNames } from './tables.ts';

export interface CatalogDocs {
  readonly regions: readonly unknown[];
  readonly plans: readonly unknown[];
  readonly providers: readonly unknown[];
  /** The world's review rules (人工审核, the scenario's top-level `review`); absent: no claim is held. */
  readonly review?: unknown;
}

/** The pointer item: `version` is the catalog version in force (absent item: none published yet, version 0). */
export const CATALOG_POINTER: ItemRef = ref.catalog('catalog|current');

/** The key of the item holding one catalog version's documents. */
export const catalogVersionKey = (version: number): string => `catalog|v${version}`;

/**
 * DynamoDB's item limit is 400 KB; a version's documents are kept well below it
 * compressed (a city's few plans and hundreds of providers take tens of KB).
 */
export const MAX_CATALOG_BYTES = 350_000;

/** The version a pointer item names (0 when none is published). */
export function catalogVersionOf(pointer: Readonly<Record<string, unknown>> | undefined | null): number {
  return typeof pointer?.version === 'number' ? pointer.version : 0;
}

/** Builds a Catalog from contract documents, validating each with the contract's schema. */
export function catalogFromDocs(docs: CatalogDocs): Catalog {
  return new Catalog(
    docs.regions.map((r) => toRegion(RegionSchema.parse(r))),
    docs.plans.map((p) => toPlan(PlanSchema.parse(p))),
    docs.providers.map((p) => toProvider(ProviderSchema.parse(p))),
    docs.review === undefined || docs.review === null ? null : toReviewRules(ReviewRulesSchema.parse(docs.review)),
  );
}

/**
 * A catalog with `added`'s documents on top of `base`'s: a document of the same
 * kind and id (a region's code) replaces the old one, every other stays. Several
 * worlds seeded side by side in one set of tables share one catalog.
 */
export function mergeCatalogDocs(base: CatalogDocs, added: CatalogDocs): CatalogDocs {
  const idOf = (d: unknown) => String((d as { id?: string; code?: string }).id ?? (d as { code?: string }).code);
  const merge = (a: readonly unknown[], b: readonly unknown[]) => [...new Map([...a, ...b].map((d) => [idOf(d), d])).values()];
  return {
    regions: merge(base.regions, added.regions),
    plans: merge(base.plans, added.plans),
    providers: merge(base.providers, added.providers),
    // One set of review rules per catalog: the world seeded last with rules sets them.
    ...((added.review ?? base.review) === undefined ? {} : { review: added.review ?? base.review }),
  };
}

/** The catalog version in force (one consistent GetItem; 0 when none is published). */
export async function readCatalogVersion(db: DynamoDBDocumentClient, tables: TableNames): Promise<number> {
  return catalogVersionOf(await getItem<Record<string, unknown>>(db, tables.catalog, { ...CATALOG_POINTER.key }));
}

/** The documents of one catalog version (one GetItem). */
export async function readCatalogDocs(db: DynamoDBDocumentClient, tables: TableNames, version: number): Promise<CatalogDocs> {
  const entity = catalogVersionKey(version);
  if (version < 1) throw new StoreError('no catalog has been published', { entity: CATALOG_POINTER.id });
  const item = await getItem<{ docs?: Uint8Array }>(db, tables.catalog, { pk: entity });
  if (!item?.docs) throw new StoreError(`catalog version ${version} does not exist`, { entity });
  return JSON.parse(brotliDecompressSync(item.docs).toString('utf8')) as CatalogDocs;
}

/**
 * Publishes a catalog as the next version: writes its documents (validated
 * first) and moves the pointer, in one transaction conditioned on the pointer
 * still naming the version it read. Returns the new version. A concurrent
 * publish makes it a ConflictError (nothing written): read and publish again.
 */
export async function publishCatalogDocs(db: DynamoDBDocumentClient, tables: TableNames, docs: CatalogDocs): Promise<number> {
  catalogFromDocs(docs); // a version that cannot be read is never published
  const current = await readCatalogVersion(db, tables);
  const version = current + 1;
  const body = brotliCompressSync(
    Buffer.from(
      JSON.stringify({
        regions: docs.regions,
        plans: docs.plans,
        providers: docs.providers,
        ...(docs.review === undefined ? {} : { review: docs.review }),
      }),
    ),
    { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
  );
  if (body.length > MAX_CATALOG_BYTES) {
    throw new StoreError(`the catalog takes ${body.length} bytes compressed, over ${MAX_CATALOG_BYTES}`, {
      entity: catalogVersionKey(version),
    });
  }
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.catalog,
              Item: { pk: catalogVersionKey(version), version, docs: new Uint8Array(body) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tables.catalog,
              Item: { ...CATALOG_POINTER.key, version },
              ...(current === 0
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: 'version = :current', ExpressionAttributeValues: { ':current': current } }),
            },
          },
        ],
      }),
    );
  } catch (e) {
    if ((e as { name?: string }).name === 'TransactionCanceledException') {
      throw new ConflictError(`another catalog was published over version ${current}`, { entity: CATALOG_POINTER.id, cause: e });
    }
    throw asStoreError(e);
  }
  return version;
}
