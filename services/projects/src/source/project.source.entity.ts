// Persistence of projects' source keys: the ids they have in the partner registries they were imported from.
import { defineEntity, p } from '@mikro-orm/core';
import { Project } from '../project/project.entity.js';

export const ProjectSourceSchema = defineEntity({
  name: 'ProjectSource',
  tableName: 'project_source',
  properties: {
    record: () => p.manyToOne(Project).mapToPk().index().deleteRule('cascade'),
    source: p.string().length(100).primary(),
    sourceId: p.string().length(200).primary(),
  },
});
export class ProjectSource extends ProjectSourceSchema.class {}
ProjectSourceSchema.setClass(ProjectSource);
