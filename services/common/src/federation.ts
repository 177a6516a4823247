// The one way a RADAR subgraph schema is built: type-graphql types printed with directives, then buildSubgraphSchema.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { validateInput } from './validation.js';

/** Every subgraph links the same federation version, so composition never mixes specs. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validate' | 'validateFn'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validateFn: validateInput });
  const resolvers = createResolversMap(schema) as Record<string, object>;
  for (const [typeName, typeResolvers] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...typeResolvers };
  }
  return buildSubgraphSchema([
    { typeDefs: gql(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`), resolvers: resolvers as never },
  ]);
}
