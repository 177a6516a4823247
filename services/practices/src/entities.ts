// Every entity of the practices database.
import { AdoptionSchema } from './adoption/adoption.entity.js';
import {
  ContributionProposalSchema,
  ContributorSchema,
  EvidenceSchema,
  NotDuplicateSchema,
  PracticeEventSchema,
  PracticeRevisionSchema,
  PracticeSchema,
} from './practice/practice.entity.js';
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
  PracticeSourceSchema,
];
