// Persistence of assessments: a curator's scores of a practice against the EU Best Practice Portal's criteria. Each
// new assessment supersedes the practice's current one, which is kept for the record.
import { defineEntity, p } from '@mikro-orm/core';
import { codesOf } from '../practice/practice.codes.js';
import { Practice } from '../practice/practice.entity.js';
import { assessmentLabels, type CriterionScore } from './assessment.codes.js';

export const AssessmentSchema = defineEntity({
  name: 'Assessment',
  tableName: 'practice_assessment',
  properties: {
    id: p.uuid().primary(),
    practice: () => p.manyToOne(Practice).mapToPk().deleteRule('cascade'),
    /** The day the assessment was made, which may be before it was recorded. */
    assessedOn: p.date(),
    recordedAt: p.datetime(),
    assessorKeyId: p.string().length(64),
    assessorLabel: p.string().length(200),
    /** One entry per criterion, in the code list's order. */
    scores: p.json<CriterionScore[]>(),
    comment: p.text().nullable(),
    /** Derived from the scores by `labelOf` when recorded, stored so searches filter on it. */
    label: p.enum(codesOf(assessmentLabels)),
    /** When a newer assessment of the practice replaced this one; null for the current one. */
    supersededAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'practice_assessment_history_index', properties: ['practice', 'recordedAt'] },
    {
      name: 'practice_assessment_current_index',
      expression:
        'create unique index "practice_assessment_current_index" on "practice_assessment" ("practice_id") include ("label") where "superseded_at" is null',
    },
  ],
});
export class Assessment extends AssessmentSchema.class {}
AssessmentSchema.setClass(Assessment);
