// Builds the projects subgraph schema.
import { buildFederatedSchema, type ReferenceResolvers } from '@radar/common';
import { ProjectResolver } from './project/project.resolver.js';
import { OrganisationProjectsResolver, PracticeProjectsResolver, projectReferences } from './references.js';
import { ProjectSourceResolver } from './source/project.source.resolver.js';
import { SynergyProposalResolver } from './synergy/synergy.resolver.js';
import { TwinningResolver } from './twinning/twinning.resolver.js';

export function buildProjectsSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        ProjectResolver,
        TwinningResolver,
        OrganisationProjectsResolver,
        PracticeProjectsResolver,
        SynergyProposalResolver,
        ProjectSourceResolver,
      ],
    },
    projectReferences as unknown as ReferenceResolvers,
  );
}
