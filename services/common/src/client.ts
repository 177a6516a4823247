// Calls from one subgraph to another, carrying a subgraph token as the gateway's calls do, for the original caller.
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';
import { type Caller, REQUEST_ID_HEADER } from './identity.js';
import type { TokenSigner } from './subgraph-token.js';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class SubgraphClient {
  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly signer: TokenSigner | undefined,
  ) {}

  /** Sends one operation; an unreachable service or an unreadable answer is SERVICE_UNAVAILABLE. */
  async request<T>(
    query: string,
    variables: Record<string, unknown>,
    caller: Caller,
    requestId: string,
  ): Promise<GraphQLResult<T>> {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [REQUEST_ID_HEADER]: requestId,
      ...this.signer?.headersFor({ caller, requestId, body }),
    };
    try {
      const response = await fetch(this.url, { method: 'POST', headers, body });
      return (await response.json()) as GraphQLResult<T>;
    } catch (error) {
      throw unavailable(`The ${this.name} service could not be reached.`, error);
    }
  }

  /** Like `request`, but any GraphQL error in the answer is SERVICE_UNAVAILABLE too. */
  async data<T>(query: string, variables: Record<string, unknown>, caller: Caller, requestId: string): Promise<T> {
    const result = await this.request<T>(query, variables, caller, requestId);
    if (!result.data || result.errors?.length) {
      throw unavailable(`The ${this.name} service did not answer as expected.`, undefined, result.errors);
    }
    return result.data;
  }
}

function unavailable(message: string, cause?: unknown, errors?: unknown) {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.ServiceUnavailable, ...(errors ? { errors } : {}) },
    ...(cause instanceof Error ? { originalError: cause } : {}),
  });
}

/** Asks a subgraph which entities of a type exist, through the federation `_entities` field. */
export async function missingEntities(
  client: SubgraphClient,
  typename: string,
  ids: string[],
  caller: Caller,
  requestId: string,
  isLive: (entity: Record<string, unknown>) => boolean = () => true,
  selection = 'id',
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const query = `query RadarEntityLookup($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`;
  const data = await client.data<{ _entities: (Record<string, unknown> | null)[] }>(
    query,
    { representations: unique.map((id) => ({ __typename: typename, id })) },
    caller,
    requestId,
  );
  const live = new Set(data._entities.filter((entity) => entity && isLive(entity)).map((entity) => entity?.id));
  return new Set(unique.filter((id) => !live.has(id)));
}

/** Answers which organisation ids name no live organisation (unknown or deleted). */
export interface OrganisationDirectory {
  missing(ids: string[], requestId: string): Promise<Set<string>>;
}

/** Asks the organisations subgraph which organisation ids exist; no other service reads its tables. */
export class SubgraphOrganisationDirectory implements OrganisationDirectory {
  private readonly client: SubgraphClient;

  constructor(url: string, signer: TokenSigner | undefined) {
    this.client = new SubgraphClient('organisations', url, signer);
  }

  missing(ids: string[], requestId: string) {
    return missingEntities(
      this.client,
      'Organisation',
      ids,
      { kind: 'anonymous' },
      requestId,
      (entity) => !entity.deletedAt,
      'id deletedAt',
    );
  }
}
