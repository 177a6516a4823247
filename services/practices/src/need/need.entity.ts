// Persistence of needs (the demand side): an organisation's challenge, where and for whom, and its audit trail.
import { defineEntity, p } from '@mikro-orm/core';
import { lifecycleProperties } from '@radar/common';
import { codesOf, maturityStages, needStates, practiceStatuses } from '../practice/practice.codes.js';

export const NeedSchema = defineEntity({
  name: 'Need',
  tableName: 'need',
  properties: {
    id: p.uuid().primary(),
    title: p.string().length(300),
    /** Markdown. */
    description: p.text(),
    /** The ISO 639-1 code of the language title and description are written in. */
    language: p.string().length(2).default('en'),
    /** WHO CDHI v2 interventions sought. */
    cdhiCodes: p.array(),
    /** The CDHI codes and all their ancestors, as practices keep them, so matching compares groups cheaply. */
    cdhiCodesExpanded: p.array(),
    healthSystemChallenges: p.array(),
    serviceTypes: p.array(),
    targetGroups: p.array(),
    careSettings: p.array(),
    /** ISO 639-1 codes of the languages a practice must be available in (any of them). */
    languages: p.array(),
    country: p.string().length(2),
    nuts: p.string().length(5).nullable(),
    /** The least maturity a practice must have reached; null when any will do. */
    minMaturity: p.enum(codesOf(maturityStages)).nullable(),
    startDate: p.date().nullable(),
    endDate: p.date().nullable(),
    ownerId: p.uuid().index(),
    status: p.enum(codesOf(practiceStatuses)),
    state: p.enum(codesOf(needStates)).default('OPEN'),
    /** The practice it was matched to, when its state is MATCHED. */
    matchedPracticeId: p.uuid().nullable(),
    ...lifecycleProperties(),
    publishedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'need_status_title_index', properties: ['status', 'title', 'id'] },
    { name: 'need_changes_index', properties: ['updatedAt', 'id'] },
  ],
  checks: [
    {
      name: 'need_period_check',
      expression: '"end_date" is null or "start_date" is null or "end_date" >= "start_date"',
    },
  ],
});
export class Need extends NeedSchema.class {}
NeedSchema.setClass(Need);

export const NeedEventSchema = defineEntity({
  name: 'NeedEvent',
  tableName: 'need_event',
  properties: {
    id: p.uuid().primary(),
    need: () => p.manyToOne(Need).mapToPk().deleteRule('cascade').index(),
    at: p.datetime(),
    action: p.string().length(40),
    actorKeyId: p.string().length(64),
    actorLabel: p.string().length(200),
    actorRole: p.string().length(20),
    changes: p.json<Record<string, { from: unknown; to: unknown }>>(),
    /** A curator's reason, on returns; shown to the owner's editors. */
    comment: p.text().nullable(),
  },
});
export class NeedEvent extends NeedEventSchema.class {}
NeedEventSchema.setClass(NeedEvent);
