// Builds the practices subgraph schema.
import { buildFederatedSchema, type ReferenceResolvers } from '@radar/common';
import { AdoptionResolver } from './adoption/adoption.resolver.js';
import { AssessmentResolver } from './assessment/assessment.resolver.js';
import { NeedResolver, OrganisationNeedsResolver, PracticeNeedsResolver } from './need/need.resolver.js';
import { OrganisationPracticesResolver } from './organisation/organisation.resolver.js';
import { ContributionResolver } from './practice/practice.contribution.resolver.js';
import { PracticeResolver } from './practice/practice.resolver.js';
import { practiceReferences } from './references.js';
import { AdoptionRegionResolver, PracticeRegionsResolver, RegionResolver } from './region/region.resolver.js';
import { AdoptionSourceResolver } from './source/adoption.source.resolver.js';
import { NeedSourceResolver } from './source/need.source.resolver.js';
import { PracticeSourceResolver } from './source/practice.source.resolver.js';
import { UptakeResolver } from './uptake/uptake.resolver.js';

export function buildPracticesSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        PracticeResolver,
        ContributionResolver,
        AdoptionResolver,
        OrganisationPracticesResolver,
        UptakeResolver,
        AssessmentResolver,
        RegionResolver,
        AdoptionRegionResolver,
        PracticeRegionsResolver,
        NeedResolver,
        PracticeNeedsResolver,
        OrganisationNeedsResolver,
        PracticeSourceResolver,
        AdoptionSourceResolver,
        NeedSourceResolver,
      ],
    },
    practiceReferences as unknown as ReferenceResolvers,
  );
}
