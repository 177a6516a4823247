// Where this subgraph asks which organisation ids exist: the organisations subgraph, through @radar/common.
export { type OrganisationDirectory, SubgraphOrganisationDirectory } from '@radar/common';
