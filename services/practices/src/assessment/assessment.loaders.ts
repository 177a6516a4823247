// Per-request batch loaders of assessments: every practice's history in one statement whatever their number.
import { type EntityManager, groupBy } from '@radar/common';
import DataLoader from 'dataloader';
import { labelOf } from './assessment.codes.js';
import { Assessment } from './assessment.entity.js';

/** SQL for the label of practice `alias`'s current assessment, NOT_ASSESSED when it has none. */
export const currentLabelSql = (alias: string) =>
  `coalesce((select a.label from practice_assessment a where a.practice_id = ${alias}.id and a.superseded_at is null), '${labelOf(null)}')`;

export function createAssessmentLoaders(em: EntityManager) {
  /** A practice's assessments, newest first: the current one, then those it superseded. */
  const assessmentsOfPractice = new DataLoader<string, Assessment[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(Assessment, { practice: { $in: [...ids] } }, { orderBy: { recordedAt: 'desc', id: 'asc' } }),
      (row) => row.practice,
    ),
  );
  return { assessmentsOfPractice };
}
