// Relay-style cursor connections: opaque keyset cursors, bounded page sizes, totalCount.
import { type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { codeListEnum } from './codes.js';
import { badUserInput } from './errors.js';
import { tombstoneReasons } from './export.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in the whole result.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records.` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, for callers that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many records match the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for a key of `arity` parts; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): unknown[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    // fall through to the error below
  }
  throw badUserInput(field, 'is not a cursor returned by this API');
}

export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Builds a connection from `size + 1` fetched rows (the extra row only says whether a next page exists). */
export function toConnection<T>(
  rows: T[],
  size: number,
  totalCount: number,
  cursorOf: (row: T) => unknown[],
  hasPreviousPage: boolean,
): ConnectionShape<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export type TombstoneReason = (typeof tombstoneReasons)[number]['code'];
export const TombstoneReason = codeListEnum(
  'TombstoneReason',
  'Why a record left the public registry.',
  tombstoneReasons,
);

@Directive('@shareable')
@ObjectType({
  description: 'What stays of a record that left the public registry: its id, when and why, for harvesters.',
})
export class Tombstone {
  @Field(() => String)
  id!: string;

  @Field({ description: 'When it left the public registry.' })
  deletedAt!: Date;

  @Field(() => TombstoneReason)
  reason!: TombstoneReason;

  @Field(() => String, {
    nullable: true,
    description: 'Set when it was merged into another record (reason MERGED): the id of the record that replaces it.',
  })
  replacedBy?: string | null;
}
