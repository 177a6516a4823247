// Resolves Organisation references from other subgraphs, batched through the request's loader.
import type { OrganisationsContext } from '../context.js';

export const organisationReference = {
  Organisation: {
    /** Deleted organisations still resolve (as tombstones) so records that point to them stay readable. */
    __resolveReference(reference: { id: string }, context: OrganisationsContext) {
      return context.loaders.byId.load(reference.id);
    },
  },
};
