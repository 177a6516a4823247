// Asks the organisations subgraph which organisation ids exist; this subgraph never reads its tables.
import { anonymous, missingEntities, SubgraphClient, type TokenSigner } from '@radar/common';

export interface OrganisationDirectory {
  /** The ids among `ids` that name no live organisation (unknown or deleted). */
  missing(ids: string[], requestId: string): Promise<Set<string>>;
}

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
      anonymous,
      requestId,
      (entity) => !entity.deletedAt,
      'id deletedAt',
    );
  }
}
