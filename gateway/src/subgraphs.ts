// The subgraphs the supergraph is composed of, with how to build each schema and where each runs by default.
import { buildIdentitySchema } from '@radar/identity';
import { buildOrganisationsSchema } from '@radar/organisations';
import { buildPracticesSchema } from '@radar/practices';
import { buildProjectsSchema } from '@radar/projects';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphDefinition {
  name: string;
  defaultUrl: string;
  buildSchema: () => Promise<GraphQLSchema>;
}

export const subgraphs: SubgraphDefinition[] = [
  { name: 'organisations', defaultUrl: 'http://127.0.0.1:4002/graphql', buildSchema: buildOrganisationsSchema },
  { name: 'practices', defaultUrl: 'http://127.0.0.1:4001/graphql', buildSchema: buildPracticesSchema },
  { name: 'projects', defaultUrl: 'http://127.0.0.1:4003/graphql', buildSchema: buildProjectsSchema },
  { name: 'identity', defaultUrl: 'http://127.0.0.1:4004/graphql', buildSchema: buildIdentitySchema },
];
