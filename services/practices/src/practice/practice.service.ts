// Registering and changing practices: all-or-nothing writes, versioned updates, the review workflow, the audit trail.
import { randomUUID } from 'node:crypto';
import { OptimisticLockError } from '@mikro-orm/core';
import {
  badUserInput,
  type Caller,
  conflict,
  type EntityManager,
  type KeyCaller,
  notFound,
  nutsCountry,
  requireActingFor,
  requireCurator,
  requireKey,
} from '@radar/common';
import type { OrganisationDirectory } from '../organisation/organisation.directory.js';
import { diff, record } from './practice.audit.js';
import type { PracticeStatus } from './practice.codes.js';
import { Contributor, Evidence, Practice, PracticeRevision } from './practice.entity.js';
import {
  applyValues,
  createChildren,
  emptyValues,
  expandCdhi,
  restrictTo,
  snapshot,
  valuesOf,
} from './practice.fields.js';
import type { ContributorInput, RegisterPracticeInput, UpdatePracticeInput } from './practice.inputs.js';
import {
  checkRevisionVersion,
  discardPendingRevision,
  isPending,
  lockForWrite,
  needsReview,
  proposedValues,
  proposeRevision,
  rebasePendingRevision,
} from './practice.revision.js';

export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  organisations: OrganisationDirectory;
}

export async function mapWriteErrors<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw conflict(`The ${what} was changed by someone else since you read it; read it again and retry.`);
    }
    throw error;
  }
}

/** Every organisation id the input names must exist in the organisations subgraph. */
export async function checkOrganisations(context: WriteContext, named: { field: string; id: string }[]) {
  const missing = await context.organisations.missing(
    named.map(({ id }) => id),
    context.requestId,
  );
  const first = named.find(({ id }) => missing.has(id));
  if (first) throw badUserInput(first.field, `organisation ${first.id} does not exist`);
}

export function checkVersion(what: string, current: { id: string; version: number }, version: number) {
  if (current.version !== version) {
    throw conflict(
      `You sent version ${version} but ${what} ${current.id} is at version ${current.version}; read it again and retry.`,
      'version',
      { currentVersion: current.version },
    );
  }
}

function namedOrganisations(input: { ownerId?: string; contributors?: ContributorInput[] }) {
  return [
    ...(input.ownerId ? [{ field: 'ownerId', id: input.ownerId }] : []),
    ...(input.contributors ?? []).map(({ organisationId }, index) => ({
      field: `contributors[${index}].organisationId`,
      id: organisationId,
    })),
  ];
}

/** Creates a practice with its contributors and evidence from registration input (also used by the seed). */
export function createPractice(
  em: EntityManager,
  input: RegisterPracticeInput,
  state: { id: string; status: PracticeStatus; createdAt: Date; updatedAt: Date; publishedAt: Date | null },
) {
  const { values } = valuesOf(input);
  const { contributors, evidence, ...columns } = values;
  const practice = em.create(Practice, {
    ...state,
    ...emptyValues(),
    ...columns,
    cdhiCodesExpanded: expandCdhi(input.cdhiCodes ?? []),
  } as never);
  createChildren(em, practice.id, { contributors, evidence });
  return practice as Practice;
}

export async function registerPractice(context: WriteContext, input: RegisterPracticeInput) {
  const actor = requireActingFor(context.caller, input.ownerId);
  await checkOrganisations(context, namedOrganisations(input));
  return context.em.transactional(async (tx) => {
    const now = new Date();
    const practice = createPractice(tx, input, {
      id: randomUUID(),
      status: 'DRAFT',
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    });
    const { values } = valuesOf(input);
    record(tx, practice.id, actor, 'REGISTERED', diff({}, { ...snapshot(practice), ...values }));
    await tx.flush();
    return practice;
  });
}

async function loadForWrite(em: EntityManager, id: string) {
  const practice = await em.findOne(Practice, { id, deletedAt: null });
  if (!practice) throw notFound('Practice', id);
  return practice;
}

/**
 * Changes a practice. An editor's change to a published practice becomes (or adds to) its pending revision, which
 * a curator accepts or returns; `version` is then the revision's. Every other change applies at once.
 */
export async function updatePractice(context: WriteContext, id: string, version: number, input: UpdatePracticeInput) {
  requireKey(context.caller);
  return mapWriteErrors('practice', async () => {
    const read = context.em.fork();
    const current = await loadForWrite(read, id);
    const actor = requireActingFor(context.caller, current.ownerId);
    if (input.ownerId && input.ownerId !== current.ownerId) requireCurator(context.caller);
    const { values, uncleared } = valuesOf(input);
    if (uncleared) throw badUserInput(uncleared, 'cannot be cleared');
    checkUpdate(actor, current, await read.findOne(PracticeRevision, { practice: id }), version, input);
    await checkOrganisations(context, namedOrganisations(input));

    return context.em.transactional(async (tx) => {
      const practice = await lockForWrite(tx, id);
      const revision = await tx.findOne(PracticeRevision, { practice: id }, { refresh: true });
      checkUpdate(actor, practice, revision, version, input);
      if (needsReview(actor, practice)) return proposeRevision(tx, actor, practice, revision, values);
      const [oldContributors, oldEvidence] = await Promise.all([
        values.contributors ? tx.find(Contributor, { practice: id }, { orderBy: { organisationId: 'asc' } }) : [],
        values.evidence ? tx.find(Evidence, { practice: id }, { orderBy: { position: 'asc' } }) : [],
      ]);
      const before = restrictTo(snapshot(practice, { contributors: oldContributors, evidence: oldEvidence }), values);
      await applyValues(tx, practice, values);
      const changed = diff(before, values);
      practice.updatedAt = new Date();
      if (practice.status === 'PUBLISHED') await rebasePendingRevision(tx, practice);
      record(tx, id, actor, 'UPDATED', changed);
      await tx.flush();
      return practice;
    });
  });
}

/** The version an update must name, and the NUTS regions it leaves, checked against what it would change. */
function checkUpdate(
  actor: KeyCaller,
  practice: Practice,
  revision: PracticeRevision | null,
  version: number,
  input: UpdatePracticeInput,
) {
  const reviewed = needsReview(actor, practice);
  if (reviewed && isPending(revision)) checkRevisionVersion(practice, revision, version);
  else checkVersion('practice', practice, version);
  const base = reviewed ? { ...snapshot(practice), ...proposedValues(revision) } : snapshot(practice);
  // A NUTS list sent alone is checked against the stored countries here; the input class checks it against
  // countries sent with it.
  const countries = input.countries ?? (base.countries as string[]);
  const nuts = input.nuts ?? (base.nuts as string[]);
  const stray = nuts.find((code) => !countries.includes(nutsCountry(code)));
  if (stray) throw badUserInput(input.nuts ? 'nuts' : 'countries', `NUTS region ${stray} is not in any listed country`);
}

/** The review workflow: which status each action leads from and to, and who may take it. */
const transitions = {
  SUBMITTED: { action: 'SUBMITTED', from: ['DRAFT'], curatorOnly: false },
  PUBLISHED: { action: 'PUBLISHED', from: ['SUBMITTED'], curatorOnly: true },
  UNPUBLISHED: { action: 'UNPUBLISHED', from: ['PUBLISHED'], curatorOnly: true },
  ARCHIVED: { action: 'ARCHIVED', from: ['DRAFT', 'SUBMITTED', 'PUBLISHED'], curatorOnly: false },
} as const satisfies Record<string, { action: string; from: PracticeStatus[]; curatorOnly: boolean }>;

const targetStatus: Record<keyof typeof transitions, PracticeStatus> = {
  SUBMITTED: 'SUBMITTED',
  PUBLISHED: 'PUBLISHED',
  UNPUBLISHED: 'DRAFT',
  ARCHIVED: 'ARCHIVED',
};

export async function transitionPractice(
  context: WriteContext,
  id: string,
  version: number,
  step: keyof typeof transitions,
) {
  requireKey(context.caller);
  const rule = transitions[step];
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, id);
      const actor: KeyCaller = rule.curatorOnly
        ? requireCurator(context.caller)
        : requireActingFor(context.caller, practice.ownerId);
      checkVersion('practice', practice, version);
      if (!(rule.from as readonly string[]).includes(practice.status)) {
        throw badUserInput(
          'status',
          `a ${practice.status} practice cannot be ${step.toLowerCase()}; it must be ${rule.from.join(' or ')}`,
        );
      }
      const from = practice.status;
      practice.status = targetStatus[step];
      practice.updatedAt = new Date();
      if (step === 'PUBLISHED') practice.publishedAt ??= practice.updatedAt;
      const discarded = from === 'PUBLISHED' ? await discardPendingRevision(tx, practice) : {};
      record(tx, id, actor, rule.action, { status: { from, to: practice.status }, ...discarded });
      await tx.flush();
      return practice;
    }),
  );
}

export async function deletePractice(context: WriteContext, id: string, version: number) {
  requireKey(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, id);
      const actor = requireActingFor(context.caller, practice.ownerId);
      checkVersion('practice', practice, version);
      practice.deletedAt = new Date();
      practice.updatedAt = practice.deletedAt;
      record(tx, id, actor, 'DELETED', await discardPendingRevision(tx, practice));
      await tx.flush();
      return practice;
    }),
  );
}
