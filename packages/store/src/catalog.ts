/**
 * The catalog (regions, plans, providers) lives in the `catalog` table as the
 * contract's own JSON documents; it is configuration, so each process loads it
 * once and caches it (plans and providers change by deployment, not by events).
 */
import { type DynamoDBDocumentClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { PlanSchema, ProviderSchema, RegionSchema, toPlan, toProvider, toRegion } from '@medins/contract';
import { Catalog } from '@medins/engine';
import { asStoreError } from './dynamo.ts';
import type { TableNames } from './tables.ts';

export interface CatalogDocs {
  readonly regions: readonly unknown[];
  readonly plans: readonly unknown[];
  readonly providers: readonly unknown[];
}

/** Builds a Catalog from contract documents, validating each with the contract's schema. */
export function catalogFromDocs(docs: CatalogDocs): Catalog {
  return new Catalog(
    docs.regions.map((r) => toRegion(RegionSchema.parse(r))),
    docs.plans.map((p) => toPlan(PlanSchema.parse(p))),
    docs.providers.map((p) => toProvider(ProviderSchema.parse(p))),
  );
}

/** Reads every catalog document (a small table: a city has hundreds of providers, a few plans). */
export async function readCatalogDocs(db: DynamoDBDocumentClient, tables: TableNames): Promise<CatalogDocs> {
  const docs = { regions: [] as unknown[], plans: [] as unknown[], providers: [] as unknown[] };
  let start: Record<string, unknown> | undefined;
  do {
    let page: ScanCommandOutput;
    try {
      page = await db.send(new ScanCommand({ TableName: tables.catalog, ExclusiveStartKey: start, ConsistentRead: true }));
    } catch (e) {
      throw asStoreError(e);
    }
    for (const item of page.Items ?? []) {
      // The table holds other configuration too (principals, the workload marker): only these three are the catalog.
      const kind = String(item.pk).split('|')[0];
      const list = kind === 'region' ? docs.regions : kind === 'plan' ? docs.plans : kind === 'provider' ? docs.providers : null;
      list?.push(JSON.parse(String(item.doc)));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return docs;
}
