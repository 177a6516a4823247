// Pending revisions: what editors change on a published practice waits here for a curator, while the published
// version stays as it is for everyone else.
import { LockMode } from '@mikro-orm/core';
import {
  type Changes,
  conflict,
  diff,
  type EntityManager,
  isCurator,
  notFound,
  roleOf,
  type SignedInCaller,
} from '@radar/common';
import { record } from './practice.audit.js';
import { Contributor, Evidence, Practice, PracticeRevision } from './practice.entity.js';
import { type PracticeValues, restrictTo, snapshot } from './practice.fields.js';

/** Editors' changes to a published practice are reviewed; curators' changes, and changes to other states, are not. */
export function needsReview(actor: SignedInCaller, practice: Pick<Practice, 'status'>) {
  return practice.status === 'PUBLISHED' && !isCurator(actor);
}

/** Loads a practice for a write and holds its row until the transaction ends, so revision steps never interleave. */
export async function lockForWrite(tx: EntityManager, id: string) {
  const practice = await tx.findOne(
    Practice,
    { id, deletedAt: null },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!practice) throw notFound('Practice', id);
  return practice;
}

export const isPending = (revision: PracticeRevision | null): revision is PracticeRevision & { proposed: object } =>
  Boolean(revision?.proposed);

export function proposedValues(revision: PracticeRevision | null): PracticeValues {
  return (revision?.proposed ?? {}) as PracticeValues;
}

/** While a revision is pending, writes to it name its version, never the practice's (the two never coincide). */
export function checkRevisionVersion(practice: Practice, revision: PracticeRevision, version: number) {
  if (revision.revision !== version) {
    throw conflict(
      `You sent version ${version} but the pending revision of practice ${practice.id} is at version ${revision.revision}; read it again and retry.`,
      'version',
      { currentVersion: revision.revision },
    );
  }
}

/** The published practice's values, child lists included: what a revision is compared with and applied over. */
export async function publishedValues(tx: EntityManager, practice: Practice) {
  const [contributors, evidence] = await Promise.all([
    tx.find(Contributor, { practice: practice.id }, { orderBy: { organisationId: 'asc' } }),
    tx.find(Evidence, { practice: practice.id }, { orderBy: { position: 'asc' } }),
  ]);
  return snapshot(practice, { contributors, evidence });
}

/** What a pending revision would change: field → { from: published, to: proposed }, unchanged fields left out. */
export function revisionChanges(published: PracticeValues, revision: PracticeRevision | null) {
  const proposed = proposedValues(revision);
  return diff(restrictTo(published, proposed), proposed);
}

/** Adds an editor's values to the practice's pending revision, opening one when none is pending. */
export async function proposeRevision(
  tx: EntityManager,
  actor: SignedInCaller,
  practice: Practice,
  revision: PracticeRevision | null,
  values: PracticeValues,
) {
  const published = await publishedValues(tx, practice);
  const before = { ...published, ...proposedValues(revision) };
  const now = new Date();
  const row =
    revision ?? tx.create(PracticeRevision, { practice: practice.id, revision: 0, proposed: null, openedAt: null });
  if (!isPending(row)) row.openedAt = now;
  row.revision = Math.max(row.revision, practice.version) + 1;
  row.proposed = { ...proposedValues(row), ...values };
  row.changedAt = now;
  row.authorLabel = actor.label;
  row.authorRole = roleOf(actor);
  record(tx, practice.id, actor, 'REVISION_SUBMITTED', diff(restrictTo(before, values), values));
  await tx.flush();
  return practice;
}

/** The pending revision of a practice about to change, read under the practice's row lock. */
export async function revisionForWrite(tx: EntityManager, practice: Practice) {
  await tx.lock(practice, LockMode.PESSIMISTIC_WRITE);
  return tx.findOne(PracticeRevision, { practice: practice.id }, { refresh: true });
}

/**
 * After a curator changes a published practice directly, the pending revision is compared with a new published
 * version: its version moves too, above the practice's next one, so whoever read it reads it again.
 */
export async function rebasePendingRevision(tx: EntityManager, practice: Practice) {
  const revision = await revisionForWrite(tx, practice);
  if (isPending(revision)) revision.revision = Math.max(revision.revision, practice.version + 1) + 1;
}

/**
 * When a practice leaves the published state its pending revision is dropped; what it held goes into the audit entry
 * of that step, as `pendingRevision: { from: <its changes>, to: null }`.
 */
export async function discardPendingRevision(tx: EntityManager, practice: Practice): Promise<Changes> {
  const revision = await revisionForWrite(tx, practice);
  if (!isPending(revision)) return {};
  const changes = revisionChanges(await publishedValues(tx, practice), revision);
  closeRevision(revision);
  return { pendingRevision: { from: changes, to: null } };
}

export function closeRevision(revision: PracticeRevision) {
  revision.proposed = null;
  revision.changedAt = new Date();
}
