// Registering and changing practices: all-or-nothing writes, versioned updates, the review workflow, the audit trail.
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type Caller,
  checkOrganisations,
  checkVersion,
  type EntityManager,
  InputProblems,
  type KeyCaller,
  loadForWrite,
  mapWriteErrors,
  nutsCountryProblem,
  requireActingFor,
  requireCurator,
  requireKey,
} from '@radar/common';
import type { OrganisationDirectory } from '../organisation/organisation.directory.js';
import { diff, record } from './practice.audit.js';
import { cdhiWithAncestors, type PracticeStatus, wrongStatusMessage } from './practice.codes.js';
import { Contributor, Evidence, Practice } from './practice.entity.js';
import type { ContributorInput, EvidenceInput, RegisterPracticeInput, UpdatePracticeInput } from './practice.inputs.js';

export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  organisations: OrganisationDirectory;
}

const scalarFields = [
  'title',
  'summary',
  'description',
  'type',
  'maturity',
  'trl',
  'cdhiCodes',
  'topics',
  'targetGroups',
  'careSettings',
  'languages',
  'countries',
  'nuts',
  'landingPage',
  'contactEmail',
  'licence',
  'standards',
  'certification',
  'ownerId',
] as const;

function snapshot(
  practice: Practice,
  contributors?: ContributorInput[] | Contributor[],
  evidence?: EvidenceInput[] | Evidence[],
) {
  const values: Record<string, unknown> = {};
  for (const field of scalarFields) values[field] = practice[field];
  if (contributors) values.contributors = contributors.map(({ organisationId, role }) => ({ organisationId, role }));
  if (evidence) values.evidence = evidence.map(({ kind, url, title }) => ({ kind, url, title: title ?? null }));
  return values;
}

function replaceChildren(
  em: EntityManager,
  practice: string,
  input: { contributors?: ContributorInput[]; evidence?: EvidenceInput[] },
) {
  for (const { organisationId, role } of input.contributors ?? []) {
    em.create(Contributor, { practice, organisationId, role });
  }
  for (const [position, { kind, url, title }] of (input.evidence ?? []).entries()) {
    em.create(Evidence, { practice, position, kind, url, title: title ?? null });
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
  const practice = em.create(Practice, {
    ...state,
    title: input.title,
    summary: input.summary,
    description: input.description ?? null,
    type: input.type,
    maturity: input.maturity,
    trl: input.trl ?? null,
    cdhiCodes: input.cdhiCodes ?? [],
    cdhiCodesExpanded: expandCdhi(input.cdhiCodes ?? []),
    topics: input.topics ?? [],
    targetGroups: input.targetGroups ?? [],
    careSettings: input.careSettings ?? [],
    languages: input.languages ?? [],
    countries: input.countries ?? [],
    nuts: input.nuts ?? [],
    standards: input.standards ?? [],
    landingPage: input.landingPage ?? null,
    contactEmail: input.contactEmail ?? null,
    licence: input.licence ?? null,
    certification: input.certification ?? null,
    ownerId: input.ownerId,
  });
  replaceChildren(em, practice.id, input);
  return practice;
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
    record(tx, practice.id, actor, 'REGISTERED', diff({}, snapshot(practice, input.contributors, input.evidence)));
    await tx.flush();
    return practice;
  });
}

function expandCdhi(codes: string[]) {
  return [...new Set(codes.flatMap(cdhiWithAncestors))].sort();
}

export async function updatePractice(context: WriteContext, id: string, version: number, input: UpdatePracticeInput) {
  requireKey(context.caller);
  return mapWriteErrors('practice', async () => {
    const current = await loadForWrite(context.em.fork(), Practice, id);
    const actor = requireActingFor(context.caller, current.ownerId);
    if (input.ownerId && input.ownerId !== current.ownerId) requireCurator(context.caller);
    checkVersion('practice', current, version);
    // A NUTS list sent alone is checked against the stored countries here; the input class checks it against
    // countries sent with it.
    const problems = new InputProblems();
    problems.add(
      input.nuts ? 'nuts' : 'countries',
      nutsCountryProblem(input.countries ?? current.countries, input.nuts ?? current.nuts),
    );
    await problems.collect(() => checkOrganisations(context, namedOrganisations(input)));
    problems.throwIfAny();

    return context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, Practice, id);
      checkVersion('practice', practice, version);
      const [oldContributors, oldEvidence] = await Promise.all([
        tx.find(Contributor, { practice: id }, { orderBy: { organisationId: 'asc' } }),
        tx.find(Evidence, { practice: id }, { orderBy: { position: 'asc' } }),
      ]);
      const before = snapshot(practice, input.contributors && oldContributors, input.evidence && oldEvidence);
      const changes: Partial<Record<(typeof scalarFields)[number], unknown>> = {};
      for (const field of scalarFields) {
        const value = input[field];
        if (value === undefined) continue;
        if (value === null && ['title', 'summary', 'type', 'maturity', 'ownerId'].includes(field)) {
          throw badUserInput(field, 'cannot be cleared');
        }
        changes[field] = value ?? (Array.isArray(practice[field]) ? [] : null);
      }
      tx.assign(practice, changes as never);
      if (input.cdhiCodes) practice.cdhiCodesExpanded = expandCdhi(input.cdhiCodes);
      if (input.contributors) await tx.nativeDelete(Contributor, { practice: id });
      if (input.evidence) await tx.nativeDelete(Evidence, { practice: id });
      replaceChildren(tx, id, input);
      const changed = diff(before, snapshot(practice, input.contributors, input.evidence));
      practice.updatedAt = new Date();
      record(tx, id, actor, 'UPDATED', changed);
      await tx.flush();
      return practice;
    });
  });
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
      const practice = await loadForWrite(tx, Practice, id);
      const actor: KeyCaller = rule.curatorOnly
        ? requireCurator(context.caller)
        : requireActingFor(context.caller, practice.ownerId);
      checkVersion('practice', practice, version);
      if (!(rule.from as readonly string[]).includes(practice.status)) {
        throw badUserInput('status', wrongStatusMessage(practice.status, step, rule.from));
      }
      const from = practice.status;
      practice.status = targetStatus[step];
      practice.updatedAt = new Date();
      if (step === 'PUBLISHED') practice.publishedAt ??= practice.updatedAt;
      record(tx, id, actor, rule.action, { status: { from, to: practice.status } });
      await tx.flush();
      return practice;
    }),
  );
}

export async function deletePractice(context: WriteContext, id: string, version: number) {
  requireKey(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, Practice, id);
      const actor = requireActingFor(context.caller, practice.ownerId);
      checkVersion('practice', practice, version);
      practice.deletedAt = new Date();
      practice.updatedAt = practice.deletedAt;
      record(tx, id, actor, 'DELETED');
      await tx.flush();
      return practice;
    }),
  );
}
