// Persistence of projects, their participants, practice links and synergies.
import { defineEntity, p } from '@mikro-orm/core';
import { auditEventProperties, lifecycleProperties } from '@radar/common';
import {
  codesOf,
  participantRoles,
  practiceLinkRoles,
  programmes,
  projectKinds,
  synergyKinds,
} from './project.codes.js';

/** Acronym, and title and summary in every language they are given in, weighted for ranking. */
export const PROJECT_SEARCH_SQL =
  "setweight(to_tsvector('simple'::regconfig, radar_fold(acronym)), 'A') || " +
  "setweight(to_tsvector('simple'::regconfig, radar_fold(title || ' ' || radar_translations(translations, 'title'))), 'A') || " +
  "setweight(to_tsvector('simple'::regconfig, radar_fold(coalesce(summary, '') || ' ' || radar_translations(translations, 'summary'))), 'B')";

/** Title and summary in a language other than the project's own. */
export interface ProjectTranslation {
  language: string;
  title: string;
  summary: string | null;
}

export const ProjectSchema = defineEntity({
  name: 'Project',
  tableName: 'project',
  properties: {
    id: p.uuid().primary(),
    acronym: p.string().length(50),
    title: p.string().length(300),
    summary: p.string().length(2000).nullable(),
    /** The ISO 639-1 code of the language title and summary are written in. */
    language: p.string().length(2).default('en'),
    /** The same texts in other languages, one entry a language, ordered by language. */
    translations: p
      .json<ProjectTranslation[]>()
      .defaultRaw("'[]'")
      .onCreate(() => []),
    kind: p.enum(codesOf(projectKinds)),
    programme: p.enum(codesOf(programmes)),
    funderId: p.uuid().nullable().index(),
    grantNumber: p.string().length(50).nullable().unique(),
    cordisId: p.string().length(20).nullable().unique(),
    startDate: p.date().nullable(),
    endDate: p.date().nullable(),
    totalBudget: p.decimal().precision(14).scale(2).nullable(),
    euContribution: p.decimal().precision(14).scale(2).nullable(),
    website: p.string().length(2048).nullable(),
    ...lifecycleProperties(),
    searchVector: p
      .string()
      .columnType('tsvector')
      .generated(`(${PROJECT_SEARCH_SQL}) stored`)
      .nullable()
      .lazy()
      .hidden(),
  },
  indexes: [
    { name: 'project_dates_index', properties: ['startDate', 'endDate'] },
    { name: 'project_changes_index', properties: ['updatedAt', 'id'] },
    {
      name: 'project_search_index',
      expression: 'create index "project_search_index" on "project" using gin ("search_vector")',
    },
  ],
  checks: [
    {
      name: 'project_period_check',
      expression: '"end_date" is null or "start_date" is null or "end_date" >= "start_date"',
    },
    {
      name: 'project_budget_check',
      expression:
        '("total_budget" is null or "total_budget" >= 0) and ("eu_contribution" is null or "eu_contribution" >= 0) and ("eu_contribution" is null or "total_budget" is null or "eu_contribution" <= "total_budget")',
    },
  ],
});
export class Project extends ProjectSchema.class {}
ProjectSchema.setClass(Project);

export const ParticipantSchema = defineEntity({
  name: 'Participant',
  tableName: 'project_participant',
  properties: {
    project: () => p.manyToOne(Project).mapToPk().primary().deleteRule('cascade'),
    organisationId: p.uuid().primary().index(),
    role: p.enum(codesOf(participantRoles)),
  },
  indexes: [
    {
      name: 'project_participant_one_coordinator',
      expression:
        'create unique index "project_participant_one_coordinator" on "project_participant" ("project_id") where "role" = \'COORDINATOR\'',
    },
  ],
});
export class Participant extends ParticipantSchema.class {}
ParticipantSchema.setClass(Participant);

export const PracticeLinkSchema = defineEntity({
  name: 'PracticeLink',
  tableName: 'project_practice',
  properties: {
    project: () => p.manyToOne(Project).mapToPk().primary().deleteRule('cascade'),
    practiceId: p.uuid().primary().index(),
    role: p.enum(codesOf(practiceLinkRoles)),
  },
});
export class PracticeLink extends PracticeLinkSchema.class {}
PracticeLinkSchema.setClass(PracticeLink);

/** Stored once per direction, so a project's links are one lookup whichever side it is on. */
export const SynergySchema = defineEntity({
  name: 'Synergy',
  tableName: 'project_synergy',
  properties: {
    project: () => p.manyToOne(Project).mapToPk().primary().deleteRule('cascade'),
    other: () => p.manyToOne(Project).mapToPk().primary().deleteRule('cascade').index(),
    kind: p.enum(codesOf(synergyKinds)),
  },
});
export class Synergy extends SynergySchema.class {}
SynergySchema.setClass(Synergy);

/** One change in a project's audit trail: who, when, what changed and, for an import, which one. */
export const ProjectEventSchema = defineEntity({
  name: 'ProjectEvent',
  tableName: 'project_event',
  properties: {
    project: () => p.manyToOne(Project).mapToPk().deleteRule('cascade').index(),
    ...auditEventProperties(),
  },
});
export class ProjectEvent extends ProjectEventSchema.class {}
ProjectEventSchema.setClass(ProjectEvent);
