// Moderation by curators: returning a submitted practice with a comment, accepting or returning a pending revision,
// and restoring an archived practice. Every step is recorded in the practice's audit trail.
import {
  badUserInput,
  checkVersion,
  diff,
  type EntityManager,
  InputProblems,
  mapWriteErrors,
  nutsCountryProblem,
  requireCurator,
} from '@radar/common';
import { record } from './practice.audit.js';
import type { PracticeStatus } from './practice.codes.js';
import { consentedRevision, settleProposals } from './practice.contribution.js';
import { PracticeEvent, PracticeRevision } from './practice.entity.js';
import { applyValues, ownLanguageProblemOf, restrictTo } from './practice.fields.js';
import { queueSimilar } from './practice.neighbours.js';
import {
  checkRevisionVersion,
  closeRevision,
  isPending,
  lockForWrite,
  proposedValues,
  publishedValues,
  revisionChanges,
} from './practice.revision.js';
import type { WriteContext } from './practice.service.js';

const clean = (comment: string | null | undefined) => comment?.trim() || null;

/** SUBMITTED → DRAFT with a comment for the owner's editors, who change it and submit it again. */
export async function returnPractice(context: WriteContext, id: string, version: number, comment: string) {
  const actor = requireCurator(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await lockForWrite(tx, id);
      checkVersion('practice', practice, version);
      if (practice.status !== 'SUBMITTED') {
        throw badUserInput('status', `only a submitted practice can be returned; this one is ${practice.status}`);
      }
      practice.status = 'DRAFT';
      practice.updatedAt = new Date();
      record(tx, id, actor, 'RETURNED', { status: { from: 'SUBMITTED', to: 'DRAFT' } }, clean(comment));
      await tx.flush();
      return practice;
    }),
  );
}

async function pendingRevisionOf(tx: EntityManager, id: string, version: number) {
  const practice = await lockForWrite(tx, id);
  const revision = await tx.findOne(PracticeRevision, { practice: id }, { refresh: true });
  if (!isPending(revision)) throw badUserInput('id', `practice ${id} has no pending revision`);
  checkRevisionVersion(practice, revision, version);
  return { practice, revision };
}

/** Applies the pending revision to the published practice: a new version, in the change feed and the audit trail. */
export async function acceptRevision(context: WriteContext, id: string, version: number, comment?: string | null) {
  const actor = requireCurator(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const { practice, revision } = await pendingRevisionOf(tx, id, version);
      const published = await publishedValues(tx, practice);
      const proposed = await consentedRevision(tx, id, proposedValues(revision));
      const merged = { ...published, ...proposed };
      // A curator may have changed the countries or the language since the revision was made.
      new InputProblems()
        .add('nuts', nutsCountryProblem(merged.countries as string[], merged.nuts as string[]))
        .add('translations', ownLanguageProblemOf(merged))
        .throwIfAny();
      await applyValues(tx, practice, proposed);
      if (proposed.contributors) await settleProposals(tx, id, proposed.contributors);
      practice.updatedAt = new Date();
      record(tx, id, actor, 'REVISION_ACCEPTED', diff(restrictTo(published, proposed), proposed), clean(comment));
      closeRevision(revision);
      await tx.flush();
      await queueSimilar(tx, [id]);
      return practice;
    }),
  );
}

/** Drops the pending revision with a comment; the published version stays, the audit trail keeps what was proposed. */
export async function returnRevision(context: WriteContext, id: string, version: number, comment: string) {
  const actor = requireCurator(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const { practice, revision } = await pendingRevisionOf(tx, id, version);
      const changes = revisionChanges(await publishedValues(tx, practice), revision);
      record(tx, id, actor, 'REVISION_RETURNED', changes, clean(comment));
      closeRevision(revision);
      await tx.flush();
      return practice;
    }),
  );
}

/**
 * ARCHIVED → the status it was archived from: a published practice is public again, a draft or a submitted one goes
 * back to where its review stood, so restoring never publishes what no curator published.
 */
export async function restorePractice(context: WriteContext, id: string, version: number) {
  const actor = requireCurator(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await lockForWrite(tx, id);
      checkVersion('practice', practice, version);
      if (practice.status !== 'ARCHIVED') {
        throw badUserInput('status', `only an archived practice can be restored; this one is ${practice.status}`);
      }
      const archived = await tx.findOne(
        PracticeEvent,
        { practice: id, action: 'ARCHIVED' },
        { orderBy: { at: 'desc', id: 'desc' } },
      );
      const before = archived?.changes.status?.from;
      const to: PracticeStatus = before === 'PUBLISHED' || before === 'SUBMITTED' ? before : 'DRAFT';
      practice.status = to;
      practice.updatedAt = new Date();
      record(tx, id, actor, 'RESTORED', { status: { from: 'ARCHIVED', to } });
      await tx.flush();
      return practice;
    }),
  );
}
