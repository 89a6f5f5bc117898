/**
 * infra → config: the DynamoDB tables of docs/architecture.md, by role. The role
 * is written on each table as CloudFormation Metadata `medins:table`, which is how
 * the local stack finds the tables in the synthesized template; every function
 * receives the name of each table it uses as `MEDINS_TABLE_<ROLE>`.
 */
// The roles and their environment variables are the store's: one list for the tables the CDK app
// creates and the tables the handlers read (packages/store/src/tables.ts).
import { TABLE_ROLES, type TableRole, tableEnvVar } from '@medins/store/tables';

export { TABLE_ROLES, type TableRole, tableEnvVar };

export type AttributeKind = 'S' | 'N';
export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeKind;
}

export interface TableSpec {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** A global secondary index (projection ALL). */
  readonly index?: { readonly name: string; readonly partitionKey: KeyAttribute; readonly sortKey: KeyAttribute };
  /** Items expire by TTL on this attribute (no table uses it today). */
  readonly ttlAttribute?: string;
}

const S = (name: string): KeyAttribute => ({ name, type: 'S' });

/** Key schemas exactly as docs/architecture.md names them. */
export const TABLES: Readonly<Record<TableRole, TableSpec>> = {
  catalog: { partitionKey: S('pk') },
  members: { partitionKey: S('memberId') },
  accounts: { partitionKey: S('memberId') },
  bindings: { partitionKey: S('pk'), sortKey: S('sk') },
  policies: {
    partitionKey: S('productId'),
    sortKey: S('sk'),
    index: { name: 'byCreation', partitionKey: S('productId'), sortKey: S('createdKey') },
  },
  events: { partitionKey: S('eventId') },
};
