// Scalars shared by every subgraph, from graphql-scalars so their parsing and errors are the standard ones.
export { UUIDResolver as UUID } from 'graphql-scalars';
