// The fields a caller changes on a practice, derived from the update input and the entity, and how an update's values
// are read from input, applied, and snapshotted for the audit trail: one field set for updates, revisions and audit.
import { ArrayType } from '@mikro-orm/core';
import { type EntityManager, normalTranslations, ownLanguageProblem } from '@radar/common';
import { getMetadataStorage } from 'type-graphql';
import { cdhiWithAncestors } from './practice.codes.js';
import { Contributor, Evidence, type Practice, PracticeSchema, type PracticeTranslation } from './practice.entity.js';
import { type ContributorInput, type EvidenceInput, UpdatePracticeInput } from './practice.inputs.js';

/** Child rows an update replaces as a whole list; every other input field is a column of `practice`. */
const childLists = ['contributors', 'evidence'] as const;
type ChildList = (typeof childLists)[number];

export function inputFieldsOf(input: abstract new () => unknown): string[] {
  const chain: unknown[] = [];
  for (let target: unknown = input; typeof target === 'function' && target !== Function.prototype; ) {
    chain.push(target);
    target = Object.getPrototypeOf(target);
  }
  return [
    ...new Set(
      getMetadataStorage()
        .fields.filter((field) => chain.includes(field.target))
        .map((field) => field.name),
    ),
  ];
}

const columns = PracticeSchema.meta.properties as unknown as Record<
  string,
  { nullable?: boolean; type?: unknown; customType?: unknown; defaultRaw?: unknown }
>;

function deriveScalarFields() {
  const fields = inputFieldsOf(UpdatePracticeInput).filter((name) => !(childLists as readonly string[]).includes(name));
  const stray = fields.filter((name) => !Object.hasOwn(columns, name));
  if (stray.length) {
    throw new Error(`UpdatePracticeInput has fields that are neither practice columns nor child lists: ${stray}`);
  }
  return fields as PracticeField[];
}

export type PracticeField = Exclude<keyof UpdatePracticeInput & keyof Practice, ChildList>;

/** Every column an update may set, in the input's order: what update copies, what a revision holds, what audit shows. */
export const scalarFields: readonly PracticeField[] = deriveScalarFields();

// Read once at load, before the ORM's discovery rewrites the property metadata. A list is a text[] column or a
// jsonb one that starts empty.
const arrayColumns = new Set(
  scalarFields.filter(
    (field) =>
      [columns[field]?.type, columns[field]?.customType].some((type) => type instanceof ArrayType) ||
      columns[field]?.defaultRaw === "'[]'",
  ),
);
const nullableColumns = new Set(scalarFields.filter((field) => columns[field]?.nullable));
/** Columns without a value of their own (title, type, owner, …) cannot be cleared by sending null. */
const isClearable = (field: PracticeField) => nullableColumns.has(field) || arrayColumns.has(field);
const emptyValue = (field: PracticeField) => (arrayColumns.has(field) ? [] : null);

/** Every column an update may set, at its empty value: what a registration starts from. */
export function emptyValues(): PracticeValues {
  return Object.fromEntries(scalarFields.map((field) => [field, emptyValue(field)]));
}

export interface ContributorValue {
  organisationId: string;
  role: ContributorInput['role'];
}
export interface EvidenceValue {
  kind: EvidenceInput['kind'];
  url: string;
  title: string | null;
}

/** What an update sets: a value per named column, and the full lists it replaces. */
export type PracticeValues = Partial<Record<PracticeField, unknown>> & {
  contributors?: ContributorValue[];
  evidence?: EvidenceValue[];
};

const contributorValues = (rows: readonly { organisationId: string; role: ContributorInput['role'] }[]) =>
  rows.map(({ organisationId, role }) => ({ organisationId, role }));
const translationValues = (rows: readonly PracticeTranslation[]) =>
  normalTranslations(rows, ['title', 'summary', 'description'] as const);
/** Columns whose values are compared and stored in one normal form. */
const normalForms: Partial<Record<PracticeField, (value: never) => unknown>> = { translations: translationValues };
const normalised = (field: PracticeField, value: unknown) => {
  const normalise = normalForms[field];
  return normalise && value ? normalise(value as never) : value;
};
const evidenceValues = (rows: readonly { kind: EvidenceInput['kind']; url: string; title?: string | null }[]) =>
  rows.map(({ kind, url, title }) => ({ kind, url, title: title ?? null }));

/** The values an update input sets; a null clears a column, or is refused where the column must have a value. */
export function valuesOf(input: UpdatePracticeInput): { values: PracticeValues; uncleared: PracticeField | null } {
  const values: PracticeValues = {};
  for (const field of scalarFields) {
    const value = input[field];
    if (value === undefined) continue;
    if (value === null && !isClearable(field)) return { values, uncleared: field };
    values[field] = normalised(field, value) ?? emptyValue(field);
  }
  if (input.contributors) values.contributors = contributorValues(input.contributors);
  if (input.evidence) values.evidence = evidenceValues(input.evidence);
  return { values, uncleared: null };
}

/** The practice's current values of every column, and of the child lists given. */
export function snapshot(
  practice: Practice,
  children: { contributors?: readonly Contributor[] | ContributorValue[]; evidence?: readonly Evidence[] } = {},
): PracticeValues {
  const values: PracticeValues = {};
  for (const field of scalarFields) values[field] = normalised(field, practice[field]);
  if (children.contributors) values.contributors = contributorValues(children.contributors);
  if (children.evidence) values.evidence = evidenceValues(children.evidence);
  return values;
}

/** The values of `after`'s keys as they are in `before`: the state an update or revision would change. */
export function restrictTo(before: PracticeValues, after: PracticeValues): PracticeValues {
  return Object.fromEntries(Object.keys(after).map((key) => [key, before[key as keyof PracticeValues] ?? null]));
}

export function expandCdhi(codes: string[]) {
  return [...new Set(codes.flatMap(cdhiWithAncestors))].sort();
}

/** Writes values onto a practice inside a transaction: columns, the expanded CDHI codes, and replaced child lists. */
export async function applyValues(tx: EntityManager, practice: Practice, values: PracticeValues) {
  const { contributors, evidence, ...columnValues } = values;
  tx.assign(practice, columnValues as never);
  if (columnValues.cdhiCodes) practice.cdhiCodesExpanded = expandCdhi(columnValues.cdhiCodes as string[]);
  if (contributors) await replaceContributors(tx, practice.id, contributors);
  if (evidence) {
    await tx.nativeDelete(Evidence, { practice: practice.id });
    createChildren(tx, practice.id, { evidence });
  }
}

/**
 * Replaces a practice's contributors through the unit of work: rows read earlier in the transaction stay managed, so
 * a kept contributor is updated in place rather than deleted behind the identity map's back and never written again.
 */
async function replaceContributors(tx: EntityManager, practice: string, contributors: readonly ContributorValue[]) {
  const wanted = new Map(contributors.map((row) => [row.organisationId, row.role]));
  const existing = await tx.find(Contributor, { practice });
  for (const row of existing) {
    const role = wanted.get(row.organisationId);
    if (role) row.role = role;
    else tx.remove(row);
    wanted.delete(row.organisationId);
  }
  for (const [organisationId, role] of wanted) tx.create(Contributor, { practice, organisationId, role });
}

export function createChildren(
  em: EntityManager,
  practice: string,
  lists: { contributors?: readonly ContributorValue[]; evidence?: readonly EvidenceValue[] },
) {
  for (const { organisationId, role } of lists.contributors ?? []) {
    em.create(Contributor, { practice, organisationId, role });
  }
  for (const [position, { kind, url, title }] of (lists.evidence ?? []).entries()) {
    em.create(Evidence, { practice, position, kind, url, title: title ?? null });
  }
}

/** What is wrong when the values a practice would have after a write hold a translation into its own language. */
export const ownLanguageProblemOf = (values: PracticeValues) =>
  ownLanguageProblem(values.language, values.translations);
