// Every entity of the projects database.
import { ParticipantSchema, PracticeLinkSchema, ProjectSchema, SynergySchema } from './project/project.entity.js';
import { StageSchema, TwinningAdopterSchema, TwinningSchema } from './twinning/twinning.entity.js';

export const projectEntities = [
  ProjectSchema,
  ParticipantSchema,
  PracticeLinkSchema,
  SynergySchema,
  TwinningSchema,
  TwinningAdopterSchema,
  StageSchema,
];
