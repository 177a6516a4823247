// Stating and changing needs: all-or-nothing writes, versioned updates, the review workflow shared with practices,
// open → matched → closed, and the audit trail.
import { randomUUID } from 'node:crypto';
import { ArrayType } from '@mikro-orm/core';
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
  keepCarriedTimes,
  keepSourceKey,
  loadForWrite,
  mapWriteErrors,
  newRecordId,
  nutsCountryProblem,
  requireActingFor,
  requireCurator,
  requireSignedIn,
  type SignedInCaller,
  type SourceKeyInput,
} from '@radar/common';
import { type NeedState, type PracticeStatus, wrongStatusMessage } from '../practice/practice.codes.js';
import { Practice } from '../practice/practice.entity.js';
import { expandCdhi, inputFieldsOf } from '../practice/practice.fields.js';
import type { WriteContext } from '../practice/practice.service.js';
import { carriedPublication, statusSteps } from '../practice/practice.workflow.js';
import { NeedSource } from '../source/need.source.entity.js';
import { recordNeedEvent } from './need.audit.js';
import { Need, NeedSchema } from './need.entity.js';
import { type CreateNeedInput, type NeedStateInput, UpdateNeedInput } from './need.inputs.js';

type NeedField = Exclude<keyof UpdateNeedInput & keyof Need, never>;
const columns = NeedSchema.meta.properties as unknown as Record<
  string,
  { nullable?: boolean; type?: unknown; customType?: unknown }
>;

function deriveFields(): NeedField[] {
  const fields = inputFieldsOf(UpdateNeedInput);
  const stray = fields.filter((name) => !Object.hasOwn(columns, name));
  if (stray.length) throw new Error(`UpdateNeedInput has fields that are not need columns: ${stray}`);
  return fields as NeedField[];
}

/** Every column an update may set, read from the input class, so a new input field cannot be forgotten here. */
export const needFields: readonly NeedField[] = deriveFields();
// Read once at load, before the ORM's discovery rewrites the property metadata.
const arrayFields = new Set(
  needFields.filter((field) =>
    [columns[field]?.type, columns[field]?.customType].some((type) => type instanceof ArrayType),
  ),
);

type NeedValues = Partial<Record<NeedField, unknown>>;

/** The values an input sets: a null clears a column (a list to empty); omitted fields are left out. */
function valuesOf(input: UpdateNeedInput | CreateNeedInput): NeedValues {
  const values: NeedValues = {};
  for (const field of needFields) {
    const value = (input as Record<string, unknown>)[field];
    if (value === undefined) continue;
    values[field] = value ?? (arrayFields.has(field) ? [] : null);
  }
  return values;
}

function snapshot(need: Need, fields: readonly string[] = needFields): NeedValues {
  return Object.fromEntries(fields.map((field) => [field, need[field as NeedField] ?? null]));
}

function applyValues(need: Need, values: NeedValues) {
  Object.assign(need, values);
  if (values.cdhiCodes) need.cdhiCodesExpanded = expandCdhi(values.cdhiCodes as string[]);
}

/** Creates a need from input in a given state (also used by the seed). */
export function createNeedRecord(
  em: WriteContext['em'],
  input: CreateNeedInput,
  state: { id: string; status: PracticeStatus; createdAt: Date; updatedAt: Date; publishedAt: Date | null },
) {
  const empty = Object.fromEntries(needFields.map((field) => [field, arrayFields.has(field) ? [] : null]));
  const values = valuesOf(input);
  return em.create(Need, {
    ...empty,
    language: DEFAULT_TEXT_LANGUAGE,
    ...values,
    ownerId: input.ownerId,
    cdhiCodesExpanded: expandCdhi(input.cdhiCodes ?? []),
    state: 'OPEN',
    matchedPracticeId: null,
    deletedAt: null,
    ...state,
  } as never) as Need;
}

export async function createNeed(
  context: WriteContext,
  input: CreateNeedInput,
  source?: SourceKeyInput,
  state?: NeedStateInput,
) {
  const actor = requireActingFor(context.caller, input.ownerId);
  const times = carriedTimes(context.caller, state);
  const steps = needSteps(context.caller, 'DRAFT', state?.status);
  const publishedAt = carriedNeedPublication(context.caller, state, 'DRAFT', steps);
  await checkOrganisations(context, [{ field: 'ownerId', id: input.ownerId }]);
  return mapWriteErrors('need', () =>
    context.em.transactional(async (tx) => {
      const now = new Date();
      const need = createNeedRecord(tx, input, {
        id: await newRecordId(tx, Need, input.id, 'need'),
        status: 'DRAFT',
        createdAt: times.createdAt ?? times.updatedAt ?? now,
        updatedAt: times.updatedAt ?? now,
        publishedAt: null,
      });
      const note = source ? importNote(source) : null;
      recordNeedEvent(tx, need.id, actor, 'CREATED', diff({}, { ...snapshot(need), ownerId: need.ownerId }), note);
      takeNeedSteps(tx, need, actor, steps, publishedAt, note);
      await changeNeedState(tx, need, actor, state, note);
      await keepSourceKey(tx, NeedSource, 'need', need.id, source);
      await tx.flush();
      return need;
    }),
  );
}

type Step = NeedStep;

const needSteps = (caller: Caller, from: PracticeStatus, to: PracticeStatus | null | undefined) =>
  statusSteps(transitions, caller, 'need', from, to);

const carriedNeedPublication = (
  caller: Caller,
  state: NeedStateInput | undefined,
  from: PracticeStatus,
  steps: readonly Step[],
) => carriedPublication(transitions, caller, 'need', state, from, steps);

function takeNeedSteps(
  tx: EntityManager,
  need: Need,
  actor: SignedInCaller,
  steps: Step[],
  publishedAt: Date | undefined,
  note: string | null,
) {
  for (const step of steps) {
    const from = need.status;
    need.status = transitions[step].to;
    if (step === 'PUBLISHED') need.publishedAt ??= publishedAt ?? need.updatedAt;
    recordNeedEvent(tx, need.id, actor, transitions[step].action, { status: { from, to: need.status } }, note);
  }
}

/** Moves a need to the state an import gives it (OPEN, MATCHED with its practice, CLOSED) by setNeedState's rules. */
async function changeNeedState(
  tx: EntityManager,
  need: Need,
  actor: SignedInCaller,
  state: NeedStateInput | undefined,
  note: string | null,
) {
  const target = state?.needState;
  const practiceId = state?.matchedPracticeId ?? null;
  if (practiceId && target !== 'MATCHED' && !(target === undefined && need.state === 'MATCHED')) {
    throw badUserInput('state.matchedPracticeId', 'is given only with needState MATCHED');
  }
  if (!target || (target === need.state && (need.matchedPracticeId ?? null) === practiceId)) return;
  if (target === 'MATCHED' && need.state === 'MATCHED') {
    throw badUserInput('state.matchedPracticeId', 'the need is matched to another practice: reopen it first');
  }
  const before = { state: need.state, matchedPracticeId: need.matchedPracticeId ?? null };
  await applyNeedState(tx, need, target, practiceId, 'state.');
  recordNeedEvent(
    tx,
    need.id,
    actor,
    stateActions[target],
    diff(before, { state: need.state, matchedPracticeId: need.matchedPracticeId ?? null }),
    note,
  );
}

/** What is wrong with the place and period a need would have after an update, checked against its stored values. */
function checkUpdate(need: Need, input: UpdateNeedInput) {
  const country = input.country ?? need.country;
  const nuts = input.nuts === undefined ? need.nuts : input.nuts;
  const start = input.startDate === undefined ? need.startDate : input.startDate;
  const end = input.endDate === undefined ? need.endDate : input.endDate;
  return new InputProblems()
    .add(input.nuts !== undefined ? 'nuts' : 'country', nutsCountryProblem(country, nuts ? [nuts] : []))
    .add(
      input.endDate !== undefined ? 'endDate' : 'startDate',
      start && end && String(end) < String(start) ? 'must not be before startDate' : null,
    );
}

/**
 * Changes a need. A curator's change applies as it is; an editor's change to a published need applies too, but
 * sends the need back to SUBMITTED, for a curator to publish again.
 */
export async function updateNeed(
  context: WriteContext,
  id: string,
  version: number,
  input: UpdateNeedInput,
  source?: SourceKeyInput,
  state?: NeedStateInput,
) {
  requireSignedIn(context.caller);
  return mapWriteErrors('need', () =>
    context.em.transactional(async (tx) => {
      const need = await loadForWrite(tx, Need, id);
      const actor = requireActingFor(context.caller, need.ownerId);
      const times = carriedTimes(context.caller, state, need.createdAt);
      checkVersion('need', need, version);
      checkUpdate(need, input).throwIfAny();
      if (need.status === 'ARCHIVED') throw badUserInput('status', 'an archived need cannot be changed');
      const values = valuesOf(input);
      const before = snapshot(need, Object.keys(values));
      applyValues(need, values);
      const changed = diff(before, values);
      if (Object.keys(changed).length > 0 && need.status === 'PUBLISHED' && !actor.curator) {
        need.status = 'SUBMITTED';
        changed.status = { from: 'PUBLISHED', to: 'SUBMITTED' };
      }
      need.updatedAt = new Date();
      const note = source ? importNote(source) : null;
      const steps = needSteps(context.caller, need.status, state?.status);
      const publishedAt = carriedNeedPublication(context.caller, state, need.status, steps);
      if (Object.keys(values).length > 0 || (steps.length === 0 && !state?.needState)) {
        recordNeedEvent(tx, id, actor, 'UPDATED', changed, note);
      }
      takeNeedSteps(tx, need, actor, steps, publishedAt, note);
      await changeNeedState(tx, need, actor, state, note);
      await keepSourceKey(tx, NeedSource, 'need', id, source);
      await tx.flush();
      await keepCarriedTimes(tx, need, times, publishedAt && steps.length === 0 ? { publishedAt } : {});
      return need;
    }),
  );
}

/** The review workflow of needs: which status each step leads from and to, and who may take it. */
const transitions = {
  SUBMITTED: { action: 'SUBMITTED', from: ['DRAFT'], to: 'SUBMITTED', curatorOnly: false },
  PUBLISHED: { action: 'PUBLISHED', from: ['SUBMITTED'], to: 'PUBLISHED', curatorOnly: true },
  UNPUBLISHED: { action: 'UNPUBLISHED', from: ['PUBLISHED'], to: 'DRAFT', curatorOnly: true },
  RETURNED: { action: 'RETURNED', from: ['SUBMITTED'], to: 'DRAFT', curatorOnly: true },
  ARCHIVED: { action: 'ARCHIVED', from: ['DRAFT', 'SUBMITTED', 'PUBLISHED'], to: 'ARCHIVED', curatorOnly: false },
  RESTORED: { action: 'RESTORED', from: ['ARCHIVED'], to: 'DRAFT', curatorOnly: true },
} as const satisfies Record<
  string,
  { action: string; from: readonly PracticeStatus[]; to: PracticeStatus; curatorOnly: boolean }
>;
export type NeedStep = keyof typeof transitions;

const wrongNeedStatus = (status: string, step: string, from: readonly string[]) =>
  wrongStatusMessage(status, step, from).replace(' practice ', ' need ');

export async function transitionNeed(
  context: WriteContext,
  id: string,
  version: number,
  step: NeedStep,
  comment: string | null = null,
) {
  requireSignedIn(context.caller);
  const rule = transitions[step];
  return mapWriteErrors('need', () =>
    context.em.transactional(async (tx) => {
      const need = await loadForWrite(tx, Need, id);
      const actor: SignedInCaller = rule.curatorOnly
        ? requireCurator(context.caller)
        : requireActingFor(context.caller, need.ownerId);
      checkVersion('need', need, version);
      if (!(rule.from as readonly string[]).includes(need.status)) {
        throw badUserInput('status', wrongNeedStatus(need.status, step, rule.from));
      }
      const from = need.status;
      need.status = rule.to;
      need.updatedAt = new Date();
      if (step === 'PUBLISHED') need.publishedAt ??= need.updatedAt;
      recordNeedEvent(tx, id, actor, rule.action, { status: { from, to: need.status } }, comment?.trim() || null);
      await tx.flush();
      return need;
    }),
  );
}

const stateActions: Record<NeedState, string> = { OPEN: 'REOPENED', MATCHED: 'MATCHED', CLOSED: 'CLOSED' };

/**
 * Moves a need to `state` by the rules of its states: only an open need is matched, to a published practice; a closed
 * one keeps the practice it was matched to. `prefix` names the fields the way the caller's input does.
 */
async function applyNeedState(tx: EntityManager, need: Need, state: NeedState, practiceId: string | null, prefix = '') {
  if (state === 'MATCHED') {
    if (need.state !== 'OPEN') {
      throw badUserInput(`${prefix}state`, 'only an open need can be matched; reopen it first');
    }
    const practice = practiceId ? await tx.findOne(Practice, { id: practiceId, deletedAt: null }) : null;
    if (practice?.status !== 'PUBLISHED') {
      throw badUserInput(
        `${prefix}${prefix ? 'matchedPracticeId' : 'practiceId'}`,
        `practice ${practiceId} is not a published practice`,
      );
    }
  }
  need.matchedPracticeId = state === 'MATCHED' ? practiceId : state === 'CLOSED' ? need.matchedPracticeId : null;
  need.state = state;
}

/**
 * OPEN → MATCHED (naming the published practice that meets it), OPEN or MATCHED → CLOSED, and back to OPEN: the
 * owner's editors and curators, on a need that is not archived.
 */
export async function setNeedState(
  context: WriteContext,
  id: string,
  version: number,
  state: NeedState,
  practiceId: string | null = null,
) {
  requireSignedIn(context.caller);
  return mapWriteErrors('need', () =>
    context.em.transactional(async (tx) => {
      const need = await loadForWrite(tx, Need, id);
      const actor = requireActingFor(context.caller, need.ownerId);
      checkVersion('need', need, version);
      if (need.status === 'ARCHIVED') throw badUserInput('status', 'an archived need cannot change its state');
      if (need.state === state) throw badUserInput('state', `the need is already ${state.toLowerCase()}`);
      const before = { state: need.state, matchedPracticeId: need.matchedPracticeId ?? null };
      await applyNeedState(tx, need, state, practiceId);
      need.updatedAt = new Date();
      recordNeedEvent(
        tx,
        id,
        actor,
        stateActions[state],
        diff(before, { state, matchedPracticeId: need.matchedPracticeId ?? null }),
      );
      await tx.flush();
      return need;
    }),
  );
}

export async function deleteNeed(context: WriteContext, id: string, version: number) {
  requireSignedIn(context.caller);
  return mapWriteErrors('need', () =>
    context.em.transactional(async (tx) => {
      const need = await loadForWrite(tx, Need, id);
      const actor = requireActingFor(context.caller, need.ownerId);
      checkVersion('need', need, version);
      need.deletedAt = new Date();
      need.updatedAt = need.deletedAt;
      recordNeedEvent(tx, id, actor, 'DELETED');
      await tx.flush();
      return need;
    }),
  );
}
