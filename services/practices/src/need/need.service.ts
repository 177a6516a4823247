// Stating and changing needs: all-or-nothing writes, versioned updates, the review workflow shared with practices,
// open → matched → closed, and the audit trail.
import { randomUUID } from 'node:crypto';
import { ArrayType } from '@mikro-orm/core';
import {
  badUserInput,
  checkOrganisations,
  checkVersion,
  DEFAULT_TEXT_LANGUAGE,
  InputProblems,
  loadForWrite,
  mapWriteErrors,
  nutsCountryProblem,
  requireActingFor,
  requireCurator,
  requireSignedIn,
  type SignedInCaller,
} from '@radar/common';
import { diff } from '../practice/practice.audit.js';
import { type NeedState, type PracticeStatus, wrongStatusMessage } from '../practice/practice.codes.js';
import { Practice } from '../practice/practice.entity.js';
import { expandCdhi, inputFieldsOf } from '../practice/practice.fields.js';
import type { WriteContext } from '../practice/practice.service.js';
import { recordNeedEvent } from './need.audit.js';
import { Need, NeedSchema } from './need.entity.js';
import { type CreateNeedInput, UpdateNeedInput } from './need.inputs.js';

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

export async function createNeed(context: WriteContext, input: CreateNeedInput) {
  const actor = requireActingFor(context.caller, input.ownerId);
  await checkOrganisations(context, [{ field: 'ownerId', id: input.ownerId }]);
  return context.em.transactional(async (tx) => {
    const now = new Date();
    const need = createNeedRecord(tx, input, {
      id: randomUUID(),
      status: 'DRAFT',
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    });
    recordNeedEvent(tx, need.id, actor, 'CREATED', diff({}, { ...snapshot(need), ownerId: need.ownerId }));
    await tx.flush();
    return need;
  });
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
export async function updateNeed(context: WriteContext, id: string, version: number, input: UpdateNeedInput) {
  requireSignedIn(context.caller);
  return mapWriteErrors('need', () =>
    context.em.transactional(async (tx) => {
      const need = await loadForWrite(tx, Need, id);
      const actor = requireActingFor(context.caller, need.ownerId);
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
      recordNeedEvent(tx, id, actor, 'UPDATED', changed);
      await tx.flush();
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
      if (state === 'MATCHED') {
        if (need.state !== 'OPEN') throw badUserInput('state', 'only an open need can be matched; reopen it first');
        const practice = practiceId ? await tx.findOne(Practice, { id: practiceId, deletedAt: null }) : null;
        if (practice?.status !== 'PUBLISHED') {
          throw badUserInput('practiceId', `practice ${practiceId} is not a published practice`);
        }
      }
      const before = { state: need.state, matchedPracticeId: need.matchedPracticeId ?? null };
      need.state = state;
      need.matchedPracticeId = state === 'MATCHED' ? practiceId : state === 'CLOSED' ? need.matchedPracticeId : null;
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
