// Registering and changing practices: all-or-nothing writes, versioned updates, the review workflow, the audit trail.
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type Caller,
  carriedTimes,
  checkOrganisations,
  checkVersion,
  DEFAULT_TEXT_LANGUAGE,
  diff,
  type EntityManager,
  InputProblems,
  importNote,
  isNewSourceKey,
  keepCarriedTimes,
  keepSourceKey,
  loadForWrite,
  mapWriteErrors,
  newRecordId,
  nutsCountryProblem,
  prefetchedOrganisations,
  requireActingFor,
  requireCurator,
  requireSignedIn,
  type SignedInCaller,
  type SourceKeyInput,
  type SourceKeyOwner,
  sourceKeyOwner,
  sourceKeyOwners,
  writeStaged,
} from '@radar/common';
import type { ProjectDirectory } from '../adoption/project.directory.js';
import type { OrganisationDirectory } from '../organisation/organisation.directory.js';
import { PracticeSource } from '../source/practice.source.entity.js';
import { record } from './practice.audit.js';
import { type PracticeStatus, wrongStatusMessage } from './practice.codes.js';
import { acceptedContributors, checkContributorConsent, settleProposals } from './practice.contribution.js';
import { Contributor, Evidence, Practice, PracticeRevision } from './practice.entity.js';
import {
  applyValues,
  createChildren,
  emptyValues,
  expandCdhi,
  ownLanguageProblemOf,
  restrictTo,
  snapshot,
  valuesOf,
} from './practice.fields.js';
import type {
  ContributorInput,
  PracticeStateInput,
  RegisterPracticeInput,
  UpdatePracticeInput,
} from './practice.inputs.js';
import { queueSimilar } from './practice.neighbours.js';
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
import { carriedPublication, statusSteps, type WorkflowRule } from './practice.workflow.js';

export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  organisations: OrganisationDirectory;
  projects: ProjectDirectory;
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
    language: DEFAULT_TEXT_LANGUAGE,
    ...columns,
    cdhiCodesExpanded: expandCdhi(input.cdhiCodes ?? []),
  } as never);
  createChildren(em, practice.id, { contributors, evidence });
  return practice as Practice;
}

/** The checks a registration passes before anything is written; answers who acts. */
async function checkRegistration(context: WriteContext, input: RegisterPracticeInput) {
  const actor = requireActingFor(context.caller, input.ownerId);
  await checkOrganisations(context, namedOrganisations(input));
  checkContributorConsent(context.caller, new Set(), input.contributors);
  return actor;
}

/**
 * Creates a registered practice, its audit entry and its source key in `tx`, for the caller to flush; what can
 * refuse it (a reused id, a source key naming another practice) is checked before anything is created.
 */
async function stageRegistration(
  tx: EntityManager,
  actor: SignedInCaller,
  input: RegisterPracticeInput,
  source: SourceKeyInput | undefined,
  owner: SourceKeyOwner,
  times: { createdAt?: Date; updatedAt?: Date } = {},
) {
  const id = await newRecordId(tx, Practice, input.id, 'practice');
  const keepKey = source ? await isNewSourceKey(owner, 'practice', id, source) : false;
  const now = new Date();
  const practice = createPractice(tx, input, {
    id,
    status: 'DRAFT',
    createdAt: times.createdAt ?? times.updatedAt ?? now,
    updatedAt: times.updatedAt ?? now,
    publishedAt: null,
  });
  const { values } = valuesOf(input);
  record(
    tx,
    practice.id,
    actor,
    'REGISTERED',
    diff({}, { ...snapshot(practice), ...values }),
    source ? importNote(source) : null,
  );
  if (keepKey && source) {
    tx.create(PracticeSource, { record: practice.id, source: source.source, sourceId: source.sourceId });
    owner.claim?.(source, practice.id);
  }
  return practice;
}

export async function registerPractice(
  context: WriteContext,
  input: RegisterPracticeInput,
  source?: SourceKeyInput,
  state?: PracticeStateInput,
) {
  const actor = await checkRegistration(context, input);
  const times = carriedTimes(context.caller, state);
  const steps = practiceSteps(context.caller, 'DRAFT', state?.status);
  const publishedAt = practicePublication(context.caller, state, 'DRAFT', steps);
  return context.em.transactional(async (tx) => {
    const practice = await stageRegistration(tx, actor, input, source, sourceKeyOwner(tx, PracticeSource), times);
    await takeSteps(tx, practice, actor, steps, publishedAt, source ? importNote(source) : null);
    await tx.flush();
    await queueSimilar(tx, [practice.id]);
    return practice;
  });
}

/**
 * Registers many practices in one transaction, each as registerPractice would (taking the workflow's steps to the
 * status its `state` names, with the same audit events) and all-or-nothing on its own: the
 * organisations they name are checked in one request, their source keys read in one query, and the practices
 * written in one flush. Answers each practice, or its error, in the records' order.
 */
export async function registerPractices(
  context: WriteContext,
  records: readonly {
    input: RegisterPracticeInput;
    source?: SourceKeyInput | null;
    state?: PracticeStateInput | null;
  }[],
) {
  requireSignedIn(context.caller);
  const named = records.flatMap(({ input }) => namedOrganisations(input).map(({ id }) => id));
  const organisations = await prefetchedOrganisations(context.organisations, named, context.requestId);
  const batch = { ...context, organisations };
  const keys = records.flatMap(({ source }) => (source ? [source] : []));
  let owner: SourceKeyOwner | undefined;
  const written = await writeStaged(
    context.em,
    records,
    async (tx, { input, source, state }) => {
      const actor = await checkRegistration(batch, input);
      const times = carriedTimes(context.caller, state);
      const steps = practiceSteps(context.caller, 'DRAFT', state?.status);
      const publishedAt = practicePublication(context.caller, state ?? undefined, 'DRAFT', steps);
      owner ??= await sourceKeyOwners(tx, PracticeSource, keys);
      const practice = await stageRegistration(tx, actor, input, source ?? undefined, owner, times);
      await takeSteps(tx, practice, actor, steps, publishedAt, source ? importNote(source) : null);
      return practice;
    },
    (em, { input, source, state }) =>
      registerPractice({ ...batch, em }, input, source ?? undefined, state ?? undefined),
  );
  // Queued for Practice.similar once written (a practice the fallback wrote alone is queued already).
  await queueSimilar(
    context.em,
    written.flatMap((result) => (result instanceof Practice ? [result.id] : [])),
  );
  return written;
}

/**
 * Changes a practice. An editor's change to a published practice becomes (or adds to) its pending revision, which
 * a curator accepts or returns; `version` is then the revision's. Every other change applies at once.
 */
export async function updatePractice(
  context: WriteContext,
  id: string,
  version: number,
  input: UpdatePracticeInput,
  source?: SourceKeyInput,
  state?: PracticeStateInput,
) {
  requireSignedIn(context.caller);
  return mapWriteErrors('practice', async () => {
    const read = context.em.fork();
    const current = await loadForWrite(read, Practice, id);
    const actor = requireActingFor(context.caller, current.ownerId);
    const times = carriedTimes(context.caller, state, current.createdAt);
    practicePublication(
      context.caller,
      state,
      current.status,
      practiceSteps(context.caller, current.status, state?.status),
    );
    if (input.ownerId && input.ownerId !== current.ownerId) requireCurator(context.caller);
    const { values, uncleared } = valuesOf(input);
    if (uncleared) throw badUserInput(uncleared, 'cannot be cleared');
    const problems = checkUpdate(
      actor,
      current,
      await read.findOne(PracticeRevision, { practice: id }),
      version,
      input,
    );
    await problems.collect(() => checkOrganisations(context, namedOrganisations(input)));
    problems.throwIfAny();
    checkContributorConsent(context.caller, await acceptedContributors(read, id), input.contributors);

    return context.em.transactional(async (tx) => {
      const practice = await lockForWrite(tx, id);
      const revision = await tx.findOne(PracticeRevision, { practice: id }, { refresh: true });
      checkUpdate(actor, practice, revision, version, input).throwIfAny();
      checkContributorConsent(context.caller, await acceptedContributors(tx, id), input.contributors);
      await keepSourceKey(tx, PracticeSource, 'practice', id, source);
      const steps = practiceSteps(context.caller, practice.status, state?.status);
      const publishedAt = practicePublication(context.caller, state, practice.status, steps);
      const note = source ? importNote(source) : null;
      if (needsReview(actor, practice)) {
        if (Object.keys(values).length === 0 && steps.length > 0) {
          // Only the status changes (an editor archiving a published practice): no revision to propose.
          await takeSteps(tx, practice, actor, steps, publishedAt, note);
          await tx.flush();
          return practice;
        }
        if (steps.length > 0) {
          throw badUserInput(
            'state.status',
            'a change to a published practice waits for review: change its status apart',
          );
        }
        return proposeRevision(tx, actor, practice, revision, values);
      }
      const [oldContributors, oldEvidence] = await Promise.all([
        values.contributors ? tx.find(Contributor, { practice: id }, { orderBy: { organisationId: 'asc' } }) : [],
        values.evidence ? tx.find(Evidence, { practice: id }, { orderBy: { position: 'asc' } }) : [],
      ]);
      const before = restrictTo(snapshot(practice, { contributors: oldContributors, evidence: oldEvidence }), values);
      await applyValues(tx, practice, values);
      if (values.contributors) await settleProposals(tx, id, values.contributors);
      const changed = diff(before, values);
      practice.updatedAt = new Date();
      if (practice.status === 'PUBLISHED') await rebasePendingRevision(tx, practice);
      if (Object.keys(values).length > 0 || steps.length === 0) record(tx, id, actor, 'UPDATED', changed, note);
      await takeSteps(tx, practice, actor, steps, publishedAt, note);
      await tx.flush();
      await queueSimilar(tx, [id]);
      const republished = publishedAt && steps.length === 0 ? { publishedAt } : {};
      await keepCarriedTimes(tx, practice, times, republished);
      return practice;
    });
  });
}

/**
 * Checks the version an update must name (throwing CONFLICT) and returns the problems of the NUTS regions it
 * leaves, checked against what it would change.
 */
function checkUpdate(
  actor: SignedInCaller,
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
  const problems = new InputProblems().add(input.nuts ? 'nuts' : 'countries', nutsCountryProblem(countries, nuts));
  // Likewise a language or translations sent alone are checked against the stored other one.
  return problems.add(
    input.translations ? 'translations' : 'language',
    ownLanguageProblemOf({ ...base, ...valuesOf(input).values }),
  );
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

type Step = keyof typeof transitions;

/** The workflow's steps as a write takes them, with the status each leads to. */
const stepRules = Object.fromEntries(
  (Object.keys(transitions) as Step[]).map((step) => [step, { ...transitions[step], to: targetStatus[step] }]),
) as unknown as Record<Step, WorkflowRule>;

const practiceSteps = (caller: Caller, from: PracticeStatus, to: PracticeStatus | null | undefined) =>
  statusSteps(stepRules, caller, 'practice', from, to);

const practicePublication = (
  caller: Caller,
  state: PracticeStateInput | undefined,
  from: PracticeStatus,
  steps: readonly Step[],
) => carriedPublication(stepRules, caller, 'practice', state, from, steps);

/** Takes workflow steps inside a write, each audited as the workflow's own mutations audit it. */
async function takeSteps(
  tx: EntityManager,
  practice: Practice,
  actor: SignedInCaller,
  steps: Step[],
  publishedAt: Date | undefined,
  note: string | null,
) {
  for (const step of steps) {
    const from = practice.status;
    practice.status = targetStatus[step];
    if (step === 'PUBLISHED') practice.publishedAt ??= publishedAt ?? practice.updatedAt;
    const discarded = from === 'PUBLISHED' ? await discardPendingRevision(tx, practice) : {};
    const changes = { status: { from, to: practice.status }, ...discarded };
    record(tx, practice.id, actor, transitions[step].action, changes, note);
  }
}

export async function transitionPractice(
  context: WriteContext,
  id: string,
  version: number,
  step: keyof typeof transitions,
) {
  requireSignedIn(context.caller);
  const rule = transitions[step];
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, Practice, id);
      const actor: SignedInCaller = rule.curatorOnly
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
      const discarded = from === 'PUBLISHED' ? await discardPendingRevision(tx, practice) : {};
      record(tx, id, actor, rule.action, { status: { from, to: practice.status }, ...discarded });
      await tx.flush();
      return practice;
    }),
  );
}

export async function deletePractice(context: WriteContext, id: string, version: number) {
  requireSignedIn(context.caller);
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, Practice, id);
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
