// Every entity of the projects database.
import {
  ParticipantSchema,
  PracticeLinkSchema,
  ProjectEventSchema,
  ProjectSchema,
  SynergySchema,
} from './project/project.entity.js';
import { ProjectSourceSchema } from './source/project.source.entity.js';
import { SynergyProposalSchema } from './synergy/synergy.entity.js';
import { StageSchema, TwinningAdopterSchema, TwinningSchema } from './twinning/twinning.entity.js';

export const projectEntities = [
  ProjectSchema,
  ParticipantSchema,
  PracticeLinkSchema,
  SynergySchema,
  SynergyProposalSchema,
  TwinningSchema,
  TwinningAdopterSchema,
  StageSchema,
  ProjectSourceSchema,
  ProjectEventSchema,
];
