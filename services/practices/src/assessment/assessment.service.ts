// Recording assessments (curators only, asked before the input is checked): the scores are checked on the input,
// the label comes from `labelOf`, and the practice's current assessment is superseded in the same transaction, so
// there is only ever one current one.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { badUserInput, mapWriteErrors, requireCurator, validateInput } from '@radar/common';
import { record } from '../practice/practice.audit.js';
import { Practice } from '../practice/practice.entity.js';
import type { WriteContext } from '../practice/practice.service.js';
import { type CriterionScore, criterionCodes, labelOf } from './assessment.codes.js';
import { Assessment } from './assessment.entity.js';
import type { RecordAssessmentInput } from './assessment.inputs.js';

const today = () => new Date().toISOString().slice(0, 10);

export async function recordAssessment(context: WriteContext, input: RecordAssessmentInput): Promise<Assessment> {
  // Who may record comes before what is wrong with the input: an editor learns only that assessing is not theirs.
  const actor = requireCurator(context.caller);
  await validateInput(input);
  const scores: CriterionScore[] = criterionCodes.map((criterion) => {
    const given = input.scores.find((entry) => entry.criterion === criterion);
    if (!given) throw badUserInput('scores', `misses ${criterion}`);
    return { criterion, score: given.score, note: given.note };
  });
  return mapWriteErrors('assessment', () =>
    context.em.transactional(async (tx) => {
      // Locked, so two curators recording at once supersede one another in turn rather than both staying current.
      const practice = await tx.findOne(
        Practice,
        { id: input.practiceId, deletedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!practice) throw badUserInput('practiceId', `practice ${input.practiceId} does not exist`);
      const now = new Date();
      const previous = await tx.findOne(Assessment, { practice: practice.id, supersededAt: null });
      if (previous) {
        previous.supersededAt = now;
        // The partial unique index allows one current assessment, so the old one must be written first.
        await tx.flush();
      }
      const assessment = tx.create(Assessment, {
        id: randomUUID(),
        practice: practice.id,
        assessedOn: input.assessedOn ?? today(),
        recordedAt: now,
        assessorKeyId: actor.id,
        assessorLabel: actor.label,
        scores,
        comment: input.comment?.trim() || null,
        label: labelOf(scores),
        supersededAt: null,
      });
      // The practice's record shows its assessments, so harvesters see it changed; its version stays, as nothing its
      // editors wrote changed (their reads, and a pending revision's version above it, stay good).
      await tx
        .getConnection()
        .execute(
          'update practice set updated_at = ? where id = ?',
          [now, practice.id],
          'run',
          tx.getTransactionContext(),
        );
      record(tx, practice.id, actor, 'ASSESSED', {
        assessmentLabel: { from: previous?.label ?? 'NOT_ASSESSED', to: assessment.label },
      });
      await tx.flush();
      return assessment;
    }),
  );
}
