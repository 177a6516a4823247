// Builds the organisations subgraph schema.
import { buildFederatedSchema, type ReferenceResolvers } from '@radar/common';
import { MembershipResolver } from './membership/membership.resolver.js';
import { organisationReference } from './organisation/organisation.reference.js';
import { OrganisationResolver } from './organisation/organisation.resolver.js';
import { OrganisationSourceResolver } from './source/organisation.source.resolver.js';

export function buildOrganisationsSchema() {
  return buildFederatedSchema(
    { resolvers: [OrganisationResolver, MembershipResolver, OrganisationSourceResolver], emitSchemaFile: false },
    organisationReference as unknown as ReferenceResolvers,
  );
}
