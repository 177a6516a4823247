// Builds the organisations subgraph schema.
import { buildFederatedSchema, type ReferenceResolvers } from '@radar/common';
import { organisationReference } from './organisation/organisation.reference.js';
import { OrganisationResolver } from './organisation/organisation.resolver.js';

export function buildOrganisationsSchema() {
  return buildFederatedSchema(
    { resolvers: [OrganisationResolver], emitSchemaFile: false },
    organisationReference as unknown as ReferenceResolvers,
  );
}
