// Builds the identity subgraph schema.
import { buildFederatedSchema } from '@radar/common';
import { identityResolvers } from './identity.resolver.js';

export function buildIdentitySchema() {
  return buildFederatedSchema({ resolvers: identityResolvers, emitSchemaFile: false });
}
