// What the projects subgraph asks the other subgraphs: whether organisations and practices exist, which
// organisations are in a country, who owns and contributes to a practice, and recording adoptions when a twinning
// completes.
import { anonymous, type Caller, missingEntities, type SubgraphClient } from '@radar/common';
import { GraphQLError } from 'graphql';

export interface AdoptionRequest {
  practiceId: string;
  adopterId: string;
  country: string;
  nuts: string | null;
  scale: 'PILOT' | 'LOCAL' | 'REGIONAL' | 'NATIONAL' | 'CROSS_BORDER';
  status: 'PLANNED' | 'PILOTING' | 'ONGOING' | 'ENDED';
  startDate: string | null;
  endDate: string | null;
  projectId: string;
  note: string;
}

export interface PracticeParties {
  ownerId: string;
  contributorIds: string[];
}

export interface Directories {
  missingOrganisations(ids: string[], requestId: string): Promise<Set<string>>;
  organisationsIn(countries: string[], requestId: string): Promise<string[]>;
  /** Countries and NUTS regions of organisations, for adoptions they record. */
  locations(ids: string[], requestId: string): Promise<Map<string, { country: string | null; nuts: string | null }>>;
  missingPractices(ids: string[], caller: Caller, requestId: string): Promise<Set<string>>;
  /** The owner and contributing organisations of the practices `caller` may see; the others are left out. */
  practiceParties(ids: string[], caller: Caller, requestId: string): Promise<Map<string, PracticeParties>>;
  /** Records the adoptions all or nothing: if one is refused, those already recorded are removed again. */
  recordAdoptions(requests: AdoptionRequest[], caller: Caller, requestId: string): Promise<string[]>;
  /** Takes back adoptions recorded by a completion that could not finish. */
  removeAdoptions(ids: string[], caller: Caller, requestId: string): Promise<void>;
}

export class SubgraphDirectories implements Directories {
  constructor(
    private readonly organisations: SubgraphClient,
    private readonly practices: SubgraphClient,
  ) {}

  missingOrganisations(ids: string[], requestId: string) {
    return missingEntities(
      this.organisations,
      'Organisation',
      ids,
      anonymous,
      requestId,
      (entity) => !entity.deletedAt,
      'id deletedAt',
    );
  }

  async organisationsIn(countries: string[], requestId: string) {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      type Page = {
        organisations: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
      const page: Page = await this.organisations.data<Page>(
        `query RadarOrganisationsIn($countries: [String!], $after: String) {
          organisations(filter: { countries: $countries }, first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { countries, after },
        anonymous,
        requestId,
      );
      ids.push(...page.organisations.nodes.map((node) => node.id));
      after = page.organisations.pageInfo.hasNextPage ? page.organisations.pageInfo.endCursor : null;
    } while (after);
    return ids;
  }

  async locations(ids: string[], requestId: string) {
    const data = await this.organisations.data<{
      _entities: ({ id: string; country: string | null; nuts: string | null } | null)[];
    }>(
      `query RadarOrganisationLocations($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Organisation { id country nuts } } }`,
      { representations: ids.map((id) => ({ __typename: 'Organisation', id })) },
      anonymous,
      requestId,
    );
    return new Map(
      data._entities.flatMap((entity) => (entity ? [[entity.id, { country: entity.country, nuts: entity.nuts }]] : [])),
    );
  }

  missingPractices(ids: string[], caller: Caller, requestId: string) {
    return missingEntities(this.practices, 'Practice', ids, caller, requestId);
  }

  async practiceParties(ids: string[], caller: Caller, requestId: string) {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map<string, PracticeParties>();
    type Entity = { id: string; owner: { id: string }; contributors: { organisation: { id: string } }[] } | null;
    const data = await this.practices.data<{ _entities: Entity[] }>(
      `query RadarPracticeParties($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Practice { id owner { id } contributors { organisation { id } } } } }`,
      { representations: unique.map((id) => ({ __typename: 'Practice', id })) },
      caller,
      requestId,
    );
    return new Map(
      data._entities.flatMap((entity) =>
        entity?.owner
          ? [
              [
                entity.id,
                {
                  ownerId: entity.owner.id,
                  contributorIds: entity.contributors.map((contribution) => contribution.organisation.id),
                },
              ],
            ]
          : [],
      ),
    );
  }

  async recordAdoptions(requests: AdoptionRequest[], caller: Caller, requestId: string) {
    const recorded: string[] = [];
    try {
      for (const input of requests) {
        const result = await this.practices.request<{ addAdoption: { id: string } | null }>(
          'mutation RadarRecordAdoption($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }',
          { input },
          caller,
          requestId,
        );
        const error = result.errors?.[0];
        if (error || !result.data?.addAdoption) {
          throw new GraphQLError(
            `The practices service refused the adoption by ${input.adopterId}: ${error?.message ?? 'no answer'}`,
            {
              extensions: {
                ...(error?.extensions ?? {}),
                code: error?.extensions?.code ?? 'SERVICE_UNAVAILABLE',
                field: 'adopters',
              },
            },
          );
        }
        recorded.push(result.data.addAdoption.id);
      }
      return recorded;
    } catch (error) {
      await this.removeAdoptions(recorded, caller, requestId);
      throw error;
    }
  }

  async removeAdoptions(ids: string[], caller: Caller, requestId: string) {
    for (const id of ids) {
      await this.practices.request(
        'mutation RadarUndoAdoption($id: UUID!) { removeAdoption(id: $id, version: 1) { id } }',
        { id },
        caller,
        requestId,
      );
    }
  }
}
