// Every entity of the practices database.
import { AdoptionSchema } from './adoption/adoption.entity.js';
import { AssessmentSchema } from './assessment/assessment.entity.js';
import { NeedEventSchema, NeedSchema } from './need/need.entity.js';
import {
  ContributionProposalSchema,
  ContributorSchema,
  EvidenceSchema,
  NeighbourSchema,
  NotDuplicateSchema,
  PracticeEventSchema,
  PracticeRevisionSchema,
  PracticeSchema,
  SimilarListSchema,
  SimilarQueueSchema,
} from './practice/practice.entity.js';
import { RegionNameSchema } from './region/region.entity.js';
import { AdoptionSourceSchema } from './source/adoption.source.entity.js';
import { NeedSourceSchema } from './source/need.source.entity.js';
import { PracticeSourceSchema } from './source/practice.source.entity.js';

export const practiceEntities = [
  PracticeSchema,
  ContributorSchema,
  EvidenceSchema,
  PracticeEventSchema,
  AdoptionSchema,
  PracticeRevisionSchema,
  ContributionProposalSchema,
  NotDuplicateSchema,
  SimilarListSchema,
  NeighbourSchema,
  SimilarQueueSchema,
  AssessmentSchema,
  RegionNameSchema,
  NeedSchema,
  NeedEventSchema,
  PracticeSourceSchema,
  AdoptionSourceSchema,
  NeedSourceSchema,
];
