// The one way a RADAR subgraph schema is built: type-graphql types printed with directives, then buildSubgraphSchema.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { UUIDResolver } from 'graphql-scalars';
import { gql } from 'graphql-tag';
import { type BuildSchemaOptions, buildSchema, createResolversMap, Directive, Field, ObjectType } from 'type-graphql';
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

/**
 * The stub a subgraph declares for an entity another subgraph owns: just its key, so fields can point to it and,
 * when `resolvable`, this subgraph can add fields to it.
 */
export function EntityReference(typename: string, options: { resolvable?: boolean } = {}) {
  @Directive(options.resolvable === false ? '@key(fields: "id", resolvable: false)' : '@key(fields: "id")')
  @ObjectType(typename)
  class Reference {
    @Field(() => UUIDResolver)
    id!: string;
  }
  return Reference;
}
