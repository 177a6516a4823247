// Asks the projects subgraph which project ids exist, so an adoption never names a project that is not there.
import { anonymous, missingEntities, SubgraphClient, type TokenSigner } from '@radar/common';

export interface ProjectDirectory {
  /** The ids among `ids` that name no live project (unknown or deleted). */
  missing(ids: string[], requestId: string): Promise<Set<string>>;
}

export class SubgraphProjectDirectory implements ProjectDirectory {
  /**
   * `url` may be given as a function: the projects subgraph starts after this one, so its address may only be known
   * by the time the first adoption is recorded.
   */
  constructor(
    private readonly url: string | (() => string),
    private readonly signer: TokenSigner | undefined,
  ) {}

  missing(ids: string[], requestId: string) {
    const url = typeof this.url === 'string' ? this.url : this.url();
    return missingEntities(new SubgraphClient('projects', url, this.signer), 'Project', ids, anonymous, requestId);
  }
}
