// Writing projects: all-or-nothing creates and updates, participants, practice links, synergies and twinnings.
import { randomUUID } from 'node:crypto';
import { LockMode, type UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  anonymous,
  badUserInput,
  type Caller,
  callerOrganisations,
  checkExist,
  checkOrganisations,
  checkVersion,
  conflict,
  DEFAULT_TEXT_LANGUAGE,
  diff,
  type EntityManager,
  forbidden,
  forbiddenOn,
  InputProblems,
  importNote,
  isCurator,
  keepSourceKey,
  mapWriteErrors,
  mayActFor,
  newRecordId,
  normaliseIdentifier,
  normalTranslations,
  notFound,
  ownLanguageProblem,
  requireSignedIn,
  type SignedInCaller,
  type SourceKeyInput,
  type WriteErrors,
} from '@radar/common';
import type { Directories } from '../directories.js';
import { ProjectSource } from '../source/project.source.entity.js';
import { SynergyProposal } from '../synergy/synergy.entity.js';
import { Stage, Twinning, TwinningAdopter } from '../twinning/twinning.entity.js';
import { type ProjectSnapshot, recordOtherSides, recordProjectEvent, snapshotOf } from './project.audit.js';
import { reverseSynergy, type SynergyKind } from './project.codes.js';
import { Participant, PracticeLink, Project, type ProjectTranslation, Synergy } from './project.entity.js';
import type {
  CreateProjectInput,
  ParticipantInput,
  PracticeLinkInput,
  StageInput,
  SynergyLinkInput,
  TwinningInput,
  UpdateProjectInput,
} from './project.inputs.js';

export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  directories: Directories;
  /** A dry run: the request's writes are rolled back (see BaseContext). */
  dryRun?: boolean;
}

/**
 * Curators act on every project; editors on projects their organisation coordinates. A project whose coordinator is
 * not recorded (the seeded Digital Health Uptake, whose sources do not name it) is the curators' alone.
 */
export function requireCoordinating(caller: Caller, coordinatorId: string | null): SignedInCaller {
  const key = requireSignedIn(caller);
  if (isCurator(caller)) return key;
  if (!coordinatorId) {
    throw forbidden(
      'A project without a coordinator is written by curators only: name your own organisation as its COORDINATOR.',
    );
  }
  if (!key.organisations.includes(coordinatorId)) {
    throw forbidden('Only curators and editors of the coordinating organisation may change this project.');
  }
  return key;
}

/** Errors of project writes; a refused unique constraint names the field it guards. */
export const projectWrites: WriteErrors = {
  what: 'project',
  onUnique: (error: UniqueConstraintViolationException) => {
    const field = /cordis/.test(error.message)
      ? 'cordisId'
      : /grant/.test(error.message)
        ? 'grantNumber'
        : 'participants';
    return badUserInput(field, 'is already used by another project');
  },
};

/** The organisations subgraph, as the "organisation exists" check asks it. */
function organisationsOf(context: WriteContext) {
  return {
    requestId: context.requestId,
    organisations: {
      missing: (ids: string[], requestId: string) => context.directories.missingOrganisations(ids, requestId),
    },
  };
}

function checkPractices(context: WriteContext, named: { field: string; id: string }[]) {
  return checkExist('practice', named, (ids) =>
    context.directories.missingPractices(ids, context.caller, context.requestId),
  );
}

/**
 * A twinning transfers a practice the public can read (published, not archived), asked of the practices subgraph as
 * an anonymous caller: a draft would leave the public `twinnings` query and the RDF link with nothing to show.
 */
async function checkTransferable(context: WriteContext, twinning?: { practiceId: string }) {
  if (!twinning) return;
  const hidden = await context.directories.missingPractices([twinning.practiceId], anonymous, context.requestId);
  if (hidden.has(twinning.practiceId)) {
    throw badUserInput(
      'twinning.practiceId',
      `practice ${twinning.practiceId} is not public; a twinning can transfer only a published practice`,
    );
  }
}

/** Link roles that speak for the practice (who made it, who passed it on), not only for the project. */
const claimingRoles: ReadonlySet<string> = new Set(['PRODUCED', 'TRANSFERRED']);

/**
 * A link that says a project produced or transferred a practice is a statement about the practice too, so the
 * caller's organisation must own or contribute to it (curators may record any); a twinning's originator must own
 * or contribute to the practice it transfers. Asked of the practices subgraph with the caller's rights.
 */
async function checkPracticeParties(
  context: WriteContext,
  links: { field: string; practiceId: string; role: string }[],
  twinning?: { originatorId: string; practiceId: string },
) {
  const claims = links.filter((link) => claimingRoles.has(link.role) && !isCurator(context.caller));
  const ids = [...claims.map((link) => link.practiceId), ...(twinning ? [twinning.practiceId] : [])];
  if (ids.length === 0) return;
  const parties = await context.directories.practiceParties(ids, context.caller, context.requestId);
  const isParty = (practiceId: string, organisationId: string | null) => {
    const found = parties.get(practiceId);
    return (
      !!organisationId && !!found && (found.ownerId === organisationId || found.contributorIds.includes(organisationId))
    );
  };
  if (twinning && !isParty(twinning.practiceId, twinning.originatorId)) {
    throw badUserInput(
      'twinning.originatorId',
      `organisation ${twinning.originatorId} neither owns nor contributes to practice ${twinning.practiceId}, so it cannot be the one transferring it`,
    );
  }
  const own = callerOrganisations(context.caller);
  const foreign = claims.find((link) => !own.some((organisationId) => isParty(link.practiceId, organisationId)));
  if (foreign) {
    throw forbiddenOn(
      foreign.field,
      `Only the owner and contributors of practice ${foreign.practiceId} (or a curator) may say a project ${foreign.role === 'PRODUCED' ? 'produced' : 'transferred'} it; link it as USED instead.`,
    );
  }
}

/** Stages lie inside the project's period and do not overlap; every stage that does not is reported at once. */
export function checkStages(
  stages: StageInput[],
  period: { startDate?: string | null; endDate?: string | null },
  field = 'twinning.stages',
) {
  const problems = new InputProblems();
  const sorted = stages
    .map((stage, index) => ({ stage, index }))
    .sort((a, b) => a.stage.startDate.localeCompare(b.stage.startDate));
  for (const { stage, index } of sorted) {
    if (!period.startDate || !period.endDate) {
      problems.add(`${field}[${index}]`, 'stages need the project\u2019s start and end dates');
    } else if (stage.startDate < period.startDate || stage.endDate > period.endDate) {
      problems.add(
        `${field}[${index}]`,
        `stage "${stage.name}" lies outside the project period ${period.startDate} – ${period.endDate}`,
      );
    }
  }
  for (let next = 1; next < sorted.length; next++) {
    const before = sorted[next - 1];
    const current = sorted[next];
    if (before && current && current.stage.startDate <= before.stage.endDate) {
      problems.add(`${field}[${current.index}]`, `stage "${current.stage.name}" overlaps stage "${before.stage.name}"`);
    }
  }
  problems.throwIfAny();
}

function checkTwinningKind(kind: string, twinning: TwinningInput | undefined) {
  if (kind === 'TWINNING' && !twinning)
    throw badUserInput('twinning', 'a project of kind TWINNING needs its originator, adopters and practice');
  if (kind !== 'TWINNING' && twinning)
    throw badUserInput('twinning', 'only projects of kind TWINNING have twinning details');
}

/** The list fields create and update share: participants, practice links and twinning. */
type ProjectParts = Pick<CreateProjectInput, 'funderId' | 'participants' | 'practices' | 'twinning'>;

function namedOrganisations(input: ProjectParts) {
  return [
    ...(input.funderId ? [{ field: 'funderId', id: input.funderId }] : []),
    ...(input.participants ?? []).map(({ organisationId }, index) => ({
      field: `participants[${index}].organisationId`,
      id: organisationId,
    })),
    ...(input.twinning ? [{ field: 'twinning.originatorId', id: input.twinning.originatorId }] : []),
    ...(input.twinning?.adopterIds ?? []).map((id, index) => ({ field: `twinning.adopterIds[${index}]`, id })),
  ];
}

function namedPractices(input: ProjectParts) {
  return [
    ...(input.practices ?? []).map(({ practiceId }, index) => ({
      field: `practices[${index}].practiceId`,
      id: practiceId,
    })),
    ...(input.twinning ? [{ field: 'twinning.practiceId', id: input.twinning.practiceId }] : []),
  ];
}

const projectTranslations = (rows: readonly { language: string; title: string; summary?: string | null }[]) =>
  normalTranslations(rows, ['title', 'summary'] as const) as ProjectTranslation[];

/** Creates a project with its participants, practice links and twinning (also used by the seed). */
export function createProject(
  em: EntityManager,
  input: CreateProjectInput,
  state: { id: string; createdAt: Date; updatedAt: Date },
) {
  const project = em.create(Project, {
    ...state,
    acronym: input.acronym,
    title: input.title,
    summary: input.summary ?? null,
    language: input.language ?? DEFAULT_TEXT_LANGUAGE,
    translations: projectTranslations(input.translations ?? []),
    kind: input.kind,
    programme: input.programme,
    funderId: input.funderId ?? null,
    grantNumber: canonical('GRANT', input.grantNumber),
    cordisId: canonical('CORDIS', input.cordisId),
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    totalBudget: input.totalBudget ?? null,
    euContribution: input.euContribution ?? null,
    website: input.website ?? null,
    deletedAt: null,
  });
  for (const participant of input.participants ?? []) addParticipantRow(em, project.id, participant);
  for (const link of input.practices ?? [])
    em.create(PracticeLink, { project: project.id, practiceId: link.practiceId, role: link.role });
  if (input.twinning) addTwinningRows(em, project.id, input.twinning);
  return project;
}

function addTwinningRows(em: EntityManager, project: string, twinning: TwinningInput) {
  const { originatorId, practiceId, type, outcome, adopterIds, stages } = twinning;
  em.create(Twinning, { project, originatorId, practiceId, type, outcome: outcome ?? null, completedAt: null });
  for (const organisationId of adopterIds)
    em.create(TwinningAdopter, { twinning: project, organisationId, adoptionId: null });
  for (const [position, stage] of (stages ?? []).entries()) addStageRow(em, project, position, stage);
}

function addParticipantRow(em: EntityManager, project: string, { organisationId, role }: ParticipantInput) {
  em.create(Participant, { project, organisationId, role });
}

function addStageRow(em: EntityManager, twinning: string, position: number, stage: StageInput) {
  em.create(Stage, {
    twinning,
    position,
    name: stage.name,
    startDate: stage.startDate,
    endDate: stage.endDate,
    description: stage.description ?? null,
  });
}

/** The stored spelling of a grant number or CORDIS id the input class accepted. */
function canonical(scheme: 'GRANT' | 'CORDIS', value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const result = normaliseIdentifier(scheme, value);
  return result.ok ? result.value : value;
}

export async function createProjectFromInput(
  context: WriteContext,
  input: CreateProjectInput,
  source?: SourceKeyInput,
) {
  const coordinator =
    input.participants?.find((participant) => participant.role === 'COORDINATOR')?.organisationId ?? null;
  const actor = requireCoordinating(context.caller, coordinator);
  const problems = new InputProblems();
  await problems.collect(() => checkTwinningKind(input.kind, input.twinning));
  const stages = input.twinning?.stages;
  if (stages) await problems.collect(() => checkStages(stages, input));
  await checkParts(context, input, problems, input.practices ?? []);
  return mapWriteErrors(projectWrites, () =>
    context.em.transactional(async (tx) => {
      const id = await newRecordId(tx, Project, input.id, 'project');
      const now = new Date();
      const project = createProject(tx, input, { id, createdAt: now, updatedAt: now });
      if (input.synergies) await replaceSynergies(tx, context.caller, id, input.synergies);
      await keepSourceKey(tx, ProjectSource, 'project', id, source);
      await tx.flush();
      await recordChange(tx, actor, project, 'CREATED', { synergies: [] }, source ? importNote(source) : null);
      await tx.flush();
      return project;
    }),
  );
}

/**
 * The checks of the organisations, practices and twinning a write names, with the other subgraphs: every one exists,
 * the twinning transfers a public practice its originator owns or contributes to, and the practice links in `claims`
 * that speak for their practice are the caller's to make.
 */
async function checkParts(
  context: WriteContext,
  input: ProjectParts,
  problems: InputProblems,
  claims: readonly PracticeLinkInput[],
  /** An update checks the rest against what is stored, and refuses with every problem at once. */
  { deferred = false } = {},
) {
  if (input.twinning?.adopterIds.includes(input.twinning.originatorId)) {
    problems.add('twinning.adopterIds', 'the originator cannot also be an adopter');
  }
  await problems.collect(() => checkOrganisations(organisationsOf(context), namedOrganisations(input)));
  await problems.collect(() => checkPractices(context, namedPractices(input)));
  // What follows asks about the records named, so it waits for them all to exist.
  if (deferred && problems.list.length > 0) return;
  problems.throwIfAny();
  await checkTransferable(context, input.twinning ?? undefined);
  await checkPracticeParties(
    context,
    (input.practices ?? []).flatMap(({ practiceId, role }, index) =>
      claims.some((link) => link.practiceId === practiceId && link.role === role)
        ? [{ field: `practices[${index}].role`, practiceId, role }]
        : [],
    ),
    input.twinning ?? undefined,
  );
}

export async function coordinatorOf(em: EntityManager, project: string) {
  return (await em.findOne(Participant, { project, role: 'COORDINATOR' }))?.organisationId ?? null;
}

/** A claim older than this belongs to a completion that died; another request may take it over. */
export const COMPLETION_CLAIM_MS = 5 * 60 * 1000;

export function liveClaim(twinning: Twinning, now = Date.now()) {
  const claimedAt = twinning.completionClaim ? twinning.completionClaimedAt : null;
  return !!claimedAt && now - claimedAt.getTime() < COMPLETION_CLAIM_MS;
}

export interface WriteOptions {
  /** Keep the project row locked until the transaction ends. */
  lock?: boolean;
  /** Lets a caller other than the coordinator make this change (e.g. a participant withdrawing itself). */
  allow?: () => boolean;
}

/** A change's entry in the project's history: its action, and why (an import's note). */
export type HistoryEntry = string | { action: string; comment: string | null };

/**
 * Records what a write did to `project`, once its changes are flushed: the difference from `before` in its history,
 * and the synergies it made, changed or ended in the other projects'.
 */
async function recordChange(
  tx: EntityManager,
  actor: SignedInCaller,
  project: Project,
  action: string,
  before: Record<string, unknown> & Pick<ProjectSnapshot, 'synergies'>,
  comment: string | null = null,
) {
  const after = await snapshotOf(tx, project);
  recordProjectEvent(tx, project.id, actor, action, diff(before, after), comment);
  const others = [...before.synergies, ...after.synergies].map((link) => link.split('=')[0] as string);
  const live = others.length > 0 ? await tx.find(Project, { id: { $in: others }, deletedAt: null }) : [];
  recordOtherSides(tx, actor, project.id, before, after, comment, new Set(live.map((other) => other.id)));
}

/**
 * Loads a live project for a change by `caller` at `version`, inside the transaction `tx`; a twinning being completed
 * is refused until the completion ends.
 */
export async function projectForWrite(
  tx: EntityManager,
  caller: Caller,
  id: string,
  version: number,
  options: WriteOptions = {},
) {
  requireSignedIn(caller);
  const project = await tx.findOne(
    Project,
    { id, deletedAt: null },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
  );
  if (!project) throw notFound('Project', id);
  if (!options.allow?.()) requireCoordinating(caller, await coordinatorOf(tx, id));
  if (project.kind === 'TWINNING') {
    const twinning = await tx.findOne(Twinning, { project: id }, { refresh: true });
    if (twinning && liveClaim(twinning)) {
      throw conflict(`Twinning ${id} is being completed by another request; read it again in a moment.`, 'id');
    }
  }
  checkVersion('project', project, version);
  return project;
}

/** Runs a change to a project's children and makes a new version of the project, recorded in its history. */
export function changeProject<T>(
  context: WriteContext,
  id: string,
  version: number,
  entry: HistoryEntry,
  change: (tx: EntityManager, project: Project) => Promise<T>,
  options: WriteOptions = {},
): Promise<Project> {
  return mapWriteErrors(projectWrites, () =>
    context.em.transactional(async (tx) => {
      const project = await projectForWrite(tx, context.caller, id, version, options);
      const before = await snapshotOf(tx, project);
      await change(tx, project);
      project.updatedAt = new Date();
      await tx.flush();
      const { action, comment } = typeof entry === 'string' ? { action: entry, comment: null } : entry;
      await recordChange(tx, requireSignedIn(context.caller), project, action, before, comment);
      await tx.flush();
      return project;
    }),
  );
}

/**
 * Changes a project. Participants, practice links and twinning, when given, replace what the project has, in the same
 * transaction as its other fields. The other subgraphs are asked about them before the transaction, from the version
 * the caller read: a write at another version is refused, so what was checked is what is changed.
 */
export async function updateProject(
  context: WriteContext,
  id: string,
  version: number,
  input: UpdateProjectInput,
  source?: SourceKeyInput,
) {
  const problems = new InputProblems();
  const links = input.practices
    ? await context.em.fork().find(PracticeLink, { project: id }, { fields: ['practiceId', 'role'] })
    : [];
  // Only links the change adds (or gives another role) are claims to check; those kept were checked when made.
  const claims = (input.practices ?? []).filter(
    (link) => !links.some((kept) => kept.practiceId === link.practiceId && kept.role === link.role),
  );
  await checkParts(context, input, problems, claims, { deferred: true });
  const comment = source ? importNote(source) : null;
  return changeProject(context, id, version, { action: 'UPDATED', comment }, async (tx, project) => {
    if (input.participants) {
      const coordinator = input.participants.find((participant) => participant.role === 'COORDINATOR');
      // An editor keeps the project in their own organisation's hands: it cannot be given to another coordinator.
      requireCoordinating(context.caller, coordinator?.organisationId ?? null);
    }
    const kind = input.kind ?? project.kind;
    const stored = await tx.findOne(Twinning, { project: id });
    if (input.twinning || (stored && kind !== 'TWINNING')) {
      if (stored?.completedAt) {
        problems.add(
          input.twinning ? 'twinning' : 'kind',
          'the twinning is completed and its adoptions recorded: it can no longer change',
        );
      }
    }
    if (kind === 'TWINNING' && !input.twinning && !stored) {
      problems.add('twinning', 'a project of kind TWINNING needs its originator, adopters and practice');
    }
    if (kind !== 'TWINNING' && input.twinning) {
      problems.add('twinning', 'only projects of kind TWINNING have twinning details');
    }
    const period = { startDate: input.startDate ?? project.startDate, endDate: input.endDate ?? project.endDate };
    // The input class checks dates and amounts sent together; these check them against what is stored.
    if (period.startDate && period.endDate && period.endDate < period.startDate)
      problems.add(input.endDate ? 'endDate' : 'startDate', 'endDate must not be before startDate');
    const budget = input.totalBudget === undefined ? project.totalBudget : input.totalBudget;
    const contribution = input.euContribution === undefined ? project.euContribution : input.euContribution;
    if (budget && contribution && Number(contribution) > Number(budget)) {
      problems.add(
        input.euContribution === undefined ? 'totalBudget' : 'euContribution',
        'the EU contribution must not be above the total budget',
      );
    }
    if (input.twinning) {
      await problems.collect(() => checkStages(input.twinning?.stages ?? [], period));
    } else if (stored && kind === 'TWINNING') {
      const stages = await tx.find(Stage, { twinning: id });
      await problems.collect(() => checkStages(stages, period, 'stages'));
    }
    // Likewise a language or translations sent alone are checked against the stored other one.
    problems.add(
      input.translations ? 'translations' : 'language',
      ownLanguageProblem(
        input.language ?? project.language,
        input.translations === undefined ? project.translations : input.translations,
      ),
    );
    problems.throwIfAny();
    await replaceParts(tx, id, input, stored, kind);
    if (input.synergies) await replaceSynergies(tx, context.caller, id, input.synergies);
    await keepSourceKey(tx, ProjectSource, 'project', id, source);
    // acronym, title and programme cannot be cleared: the input class refuses null for them.
    const { participants: _p, practices: _l, twinning: _t, synergies: _s, ...fields } = input;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (input.translations !== undefined) changes.translations = projectTranslations(input.translations ?? []);
    if (input.grantNumber !== undefined) changes.grantNumber = canonical('GRANT', input.grantNumber);
    if (input.cordisId !== undefined) changes.cordisId = canonical('CORDIS', input.cordisId);
    tx.assign(project, changes as never);
  });
}

/**
 * Replaces the participants, practice links and twinning an update gives (a project that stops being a twinning
 * loses it). The rows going are deleted and flushed before the new ones are written, so a coordinator handing over
 * to another never meets the one-coordinator index half way.
 */
async function replaceParts(
  tx: EntityManager,
  id: string,
  input: UpdateProjectInput,
  stored: Twinning | null,
  kind: string,
) {
  const going: object[] = [];
  if (input.participants) going.push(...(await tx.find(Participant, { project: id })));
  if (input.practices) going.push(...(await tx.find(PracticeLink, { project: id })));
  const dropTwinning = stored && (input.twinning || kind !== 'TWINNING');
  if (dropTwinning) {
    going.push(...(await tx.find(Stage, { twinning: id })), ...(await tx.find(TwinningAdopter, { twinning: id })));
  }
  if (going.length === 0 && !dropTwinning) return;
  for (const row of going) tx.remove(row);
  if (dropTwinning && stored) tx.remove(stored);
  await tx.flush();
  for (const participant of input.participants ?? []) addParticipantRow(tx, id, participant);
  for (const link of input.practices ?? [])
    tx.create(PracticeLink, { project: id, practiceId: link.practiceId, role: link.role });
  if (input.twinning) addTwinningRows(tx, id, input.twinning);
}

/** The other side of a link changes too: its record shows the link, so its version and change feed move. */
export async function touchProjects(tx: EntityManager, ids: string[]) {
  if (ids.length === 0) return;
  const now = new Date();
  for (const other of await tx.find(Project, { id: { $in: [...new Set(ids)] }, deletedAt: null })) {
    other.updatedAt = now;
  }
}

export function deleteProject(context: WriteContext, id: string, version: number) {
  return changeProject(context, id, version, 'DELETED', async (tx, project) => {
    project.deletedAt = new Date();
    // Linked projects stop showing this one among their synergies, and their histories say so.
    const links = await tx.find(Synergy, { project: id });
    await touchProjects(
      tx,
      links.map((link) => link.other),
    );
    const live = await tx.find(Project, { id: { $in: links.map((link) => link.other) }, deletedAt: null });
    for (const link of links.filter((candidate) => live.some((other) => other.id === candidate.other))) {
      const synergy = { from: `${id}=${reverseSynergy[link.kind]}`, to: null };
      recordProjectEvent(tx, link.other, requireSignedIn(context.caller), 'SYNERGY_REMOVED', { synergy });
    }
    await tx.nativeDelete(SynergyProposal, { $or: [{ project: id }, { other: id }] });
  });
}

export async function addParticipant(context: WriteContext, id: string, version: number, input: ParticipantInput) {
  await checkOrganisations(organisationsOf(context), [{ field: 'organisationId', id: input.organisationId }]);
  return changeProject(context, id, version, 'PARTICIPANT_ADDED', async (tx) => {
    const participants = await tx.find(Participant, { project: id });
    if (participants.some((participant) => participant.organisationId === input.organisationId)) {
      throw badUserInput('organisationId', 'already takes part in this project');
    }
    const coordinator = participants.find((participant) => participant.role === 'COORDINATOR');
    if (input.role === 'COORDINATOR' && coordinator) {
      throw badUserInput('role', `the project already has a coordinator (${coordinator.organisationId})`);
    }
    addParticipantRow(tx, id, input);
  });
}

/**
 * The coordinator manages its consortium; an organisation named as a participant may also take itself off a project
 * it does not coordinate (withdrawing from a listing it never agreed to).
 */
export function removeParticipant(context: WriteContext, id: string, version: number, organisationId: string) {
  const withdrawing = callerOrganisations(context.caller).includes(organisationId);
  const change = async (tx: EntityManager) => {
    const participants = await tx.find(Participant, { project: id });
    const participant = participants.find((candidate) => candidate.organisationId === organisationId);
    if (!participant) throw badUserInput('organisationId', 'does not take part in this project');
    if (participant.role === 'COORDINATOR' && participants.length > 1) {
      throw badUserInput('organisationId', 'the coordinator can only be removed after every other participant');
    }
    tx.remove(participant);
  };
  return changeProject(context, id, version, 'PARTICIPANT_REMOVED', change, { allow: () => withdrawing });
}

export async function linkPractice(context: WriteContext, id: string, version: number, input: PracticeLinkInput) {
  await checkPractices(context, [{ field: 'practiceId', id: input.practiceId }]);
  await checkPracticeParties(context, [{ field: 'role', practiceId: input.practiceId, role: input.role }]);
  return changeProject(context, id, version, 'PRACTICE_LINKED', async (tx) => {
    if (await tx.findOne(PracticeLink, { project: id, practiceId: input.practiceId })) {
      throw badUserInput('practiceId', 'is already linked to this project');
    }
    tx.create(PracticeLink, { project: id, practiceId: input.practiceId, role: input.role });
  });
}

export function unlinkPractice(context: WriteContext, id: string, version: number, practiceId: string) {
  return changeProject(context, id, version, 'PRACTICE_UNLINKED', async (tx) => {
    const link = await tx.findOne(PracticeLink, { project: id, practiceId });
    if (!link) throw badUserInput('practiceId', 'is not linked to this project');
    tx.remove(link);
  });
}

/**
 * Makes a project's synergies the ones given: links not given end (on both sides), kept ones take the kind given, new
 * ones need the right on the other project as addSynergy does. Every project whose links change moves.
 */
async function replaceSynergies(tx: EntityManager, caller: Caller, id: string, wanted: readonly SynergyLinkInput[]) {
  const links = await tx.find(Synergy, { project: id });
  const reverse = new Map(
    (await tx.find(Synergy, { project: { $in: links.map((link) => link.other) }, other: id })).map((row) => [
      row.project,
      row,
    ]),
  );
  const given = wanted.map((item, index) => ({ ...item, field: `synergies[${index}].projectId` }));
  // A link given another kind reads otherwise on the other project too, so it needs the right there as a new one does.
  const added = given.filter((item) => !links.some((link) => link.other === item.projectId && link.kind === item.kind));
  const ended = links.filter((link) => !given.some((item) => item.projectId === link.other));
  for (const link of ended) {
    tx.remove(link);
    const back = reverse.get(link.other);
    if (back) tx.remove(back);
  }
  await touchProjects(
    tx,
    ended.map((link) => link.other),
  );
  if (added.length === 0) return;
  const ids = added.map((item) => item.projectId);
  const others = new Map(
    (await tx.find(Project, { id: { $in: ids }, deletedAt: null })).map((project) => [project.id, project]),
  );
  const coordinators = new Map(
    (await tx.find(Participant, { project: { $in: ids }, role: 'COORDINATOR' })).map((row) => [
      row.project,
      row.organisationId,
    ]),
  );
  const problems = new InputProblems();
  for (const item of added) {
    const other = others.get(item.projectId);
    if (item.projectId === id) problems.add(item.field, 'a project cannot be linked to itself');
    else if (!other) problems.add(item.field, `project ${item.projectId} does not exist`);
    else if (!mayActFor(caller, coordinators.get(item.projectId) ?? null)) {
      throw forbiddenOn(
        item.field,
        `Project ${item.projectId} has another coordinator: propose the link with proposeSynergy, and it is made when that coordinator accepts it.`,
      );
    } else {
      const link = links.find((candidate) => candidate.other === item.projectId);
      const back = reverse.get(item.projectId);
      if (!link) linkSynergy(tx, id, other, item.kind);
      else {
        link.kind = item.kind;
        if (back) back.kind = reverseSynergy[item.kind];
        other.updatedAt = new Date();
      }
    }
  }
  problems.throwIfAny();
}

/** The other project of a synergy: live, not this one, and not linked to it yet. */
export async function synergyPartner(tx: EntityManager, id: string, otherId: string) {
  if (otherId === id) throw badUserInput('otherProjectId', 'a project cannot be linked to itself');
  const other = await tx.findOne(Project, { id: otherId, deletedAt: null });
  if (!other) throw badUserInput('otherProjectId', `project ${otherId} does not exist`);
  if (await tx.findOne(Synergy, { project: id, other: otherId }))
    throw badUserInput('otherProjectId', 'is already linked to this project');
  return other;
}

/** Stores a synergy both ways and moves the other project too; the caller's `changeProject` moves this one. */
export function linkSynergy(tx: EntityManager, id: string, other: Project, kind: SynergyKind) {
  tx.create(Synergy, { project: id, other: other.id, kind });
  tx.create(Synergy, { project: other.id, other: id, kind: reverseSynergy[kind] });
  other.updatedAt = new Date();
}

/**
 * A synergy shows on both projects, so it needs the right on both: a curator, or an editor of an organisation that
 * coordinates both. Between projects of different coordinators it is proposed and the other side accepts it.
 */
export function addSynergy(context: WriteContext, id: string, version: number, otherId: string, kind: SynergyKind) {
  return changeProject(context, id, version, 'SYNERGY_ADDED', async (tx) => {
    const other = await synergyPartner(tx, id, otherId);
    if (!mayActFor(context.caller, await coordinatorOf(tx, otherId))) {
      throw forbiddenOn(
        'otherProjectId',
        `Project ${otherId} has another coordinator: propose the link with proposeSynergy, and it is made when that coordinator accepts it.`,
      );
    }
    linkSynergy(tx, id, other, kind);
  });
}

export function removeSynergy(context: WriteContext, id: string, version: number, otherId: string) {
  return changeProject(context, id, version, 'SYNERGY_REMOVED', async (tx) => {
    const links = await tx.find(Synergy, {
      $or: [
        { project: id, other: otherId },
        { project: otherId, other: id },
      ],
    });
    if (links.length === 0) throw badUserInput('otherProjectId', 'is not linked to this project');
    for (const link of links) tx.remove(link);
    // Either side may end a link; the other project stops showing it, so it moves too.
    await touchProjects(tx, [otherId]);
  });
}
