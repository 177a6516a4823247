// Asks the organisations subgraph which organisation ids exist; this subgraph never reads its tables.
import { anonymous, REQUEST_ID_HEADER, signCaller } from '@radar/common';
import { GraphQLError } from 'graphql';

export interface OrganisationDirectory {
  /** The ids among `ids` that name no live organisation (unknown or deleted). */
  missing(ids: string[], requestId: string): Promise<Set<string>>;
}

const LOOKUP = `query RadarOrganisationLookup($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Organisation { id deletedAt } }
}`;

export class SubgraphOrganisationDirectory implements OrganisationDirectory {
  constructor(
    private readonly url: string,
    private readonly secret: string | undefined,
  ) {}

  async missing(ids: string[], requestId: string): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const headers: Record<string, string> = { 'content-type': 'application/json', [REQUEST_ID_HEADER]: requestId };
    if (this.secret) Object.assign(headers, signCaller(this.secret, anonymous, requestId));
    let body: { data?: { _entities?: ({ id: string; deletedAt: string | null } | null)[] }; errors?: unknown[] };
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          query: LOOKUP,
          variables: { representations: unique.map((id) => ({ __typename: 'Organisation', id })) },
        }),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new GraphQLError('The organisations service could not be reached to check organisation ids.', {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
        originalError: error as Error,
      });
    }
    const entities = body.data?._entities;
    if (!entities || body.errors) {
      throw new GraphQLError('The organisations service did not answer the organisation check.', {
        extensions: { code: 'SERVICE_UNAVAILABLE', errors: body.errors },
      });
    }
    const live = new Set(entities.filter((entity) => entity && !entity.deletedAt).map((entity) => entity?.id));
    return new Set(unique.filter((id) => !live.has(id)));
  }
}
