// How each record type is imported through the API: the lookups that match a row to a record, the input a row
// makes, the same input read back from the stored record (to tell an unchanged row), and the mutations that write it.
import type { IdentifierSchemeCode } from '@radar/common';
import type { Problem, Reference } from './cells.js';
import type { ImportType } from './columns.js';

/** What a row's cells give once read: every field its header names, with references still to resolve. */
export type Fields = Record<string, unknown>;

/** A reference the engine resolves to a RADAR id before the row is compared and written. */
export interface Pending {
  reference: Reference;
  refers: 'organisation' | 'practice' | 'project';
}

export interface RecordType {
  type: ImportType;
  /** The GraphQL type and the queries that find one by id, by identifier and by source key. */
  graphqlType: string;
  byId: string;
  byIdentifier?: { query: string; schemeType: string; schemes: readonly IdentifierSchemeCode[] };
  bySource?: string;
  /** The list lookup by source keys, which finds a chunk's records in one request. */
  bySources?: string;
  /** The fields read to compare a row with the record. */
  selection: string;
  /** The identifiers a row names in its own columns, which also match it to a record. */
  identifiersOf(fields: Fields): { scheme: IdentifierSchemeCode; value: string; field: string }[];
  /** The record's current values, in the shape `fields` has. */
  current(record: Record<string, unknown>): Fields;
  /** The input of the create mutation, and of the update mutation for the fields that changed. */
  createInput(fields: Fields): Record<string, unknown>;
  updateInput(changed: Fields, current: Fields): Record<string, unknown>;
  /** `bulk`: the mutation that creates many records in one request, each all-or-nothing, and its record type. */
  create: { mutation: string; inputType: string; bulk?: { mutation: string; recordType: string } };
  update: { mutation: string; inputType: string };
  /** Whether the type keeps source keys (the `source` argument of its mutations). */
  keepsSources: boolean;
  /**
   * Fields sent in the mutations' `state` argument rather than the input (status, times): compared like the others,
   * and sent whole with every write of the row, so a write that changes anything else still carries them.
   */
  state?: { inputType: string; fields: readonly string[] };
  /** What an update cannot change, as problems of the row (e.g. the practice an adoption is of). */
  updateProblems?(changed: Fields): Problem[];
  /** The column an API error's input path names, where it is not the path's first part. */
  columnOf?(path: string): string | undefined;
}

const TIMES = ['createdAt', 'updatedAt'] as const;
const timesState = { inputType: 'RecordStateInput', fields: TIMES } as const;

const organisationSchemes = ['ROR', 'WIKIDATA', 'PIC', 'VAT'] as const;

const organisations: RecordType = {
  type: 'organisations',
  graphqlType: 'Organisation',
  byId: 'organisation',
  byIdentifier: { query: 'organisationByIdentifier', schemeType: 'IdentifierScheme', schemes: organisationSchemes },
  bySource: 'organisationBySource',
  bySources: 'organisationsBySource',
  selection:
    'id version name acronym kind country nuts city website email description identifiers { scheme value } memberships { id } createdAt updatedAt',
  identifiersOf: (fields) =>
    organisationSchemes.flatMap((scheme) => {
      const value = fields[scheme.toLowerCase()];
      return typeof value === 'string' ? [{ scheme, value, field: scheme.toLowerCase() }] : [];
    }),
  current(record) {
    const identifiers = (record.identifiers as { scheme: string; value: string }[]) ?? [];
    return {
      ...pick(record, [
        'name',
        'acronym',
        'kind',
        'country',
        'nuts',
        'city',
        'website',
        'email',
        'description',
        ...TIMES,
      ]),
      ...Object.fromEntries(
        organisationSchemes.map((scheme) => [
          scheme.toLowerCase(),
          identifiers.find((identifier) => identifier.scheme === scheme)?.value ?? null,
        ]),
      ),
      memberships: ((record.memberships as { id: string }[] | undefined) ?? []).map((network) => network.id),
    };
  },
  createInput: (fields) => organisationInput(fields, {}),
  updateInput: (changed, current) => organisationInput(changed, current),
  create: {
    mutation: 'createOrganisation',
    inputType: 'CreateOrganisationInput!',
    bulk: { mutation: 'createOrganisations', recordType: 'OrganisationRegistrationInput!' },
  },
  update: { mutation: 'updateOrganisation', inputType: 'UpdateOrganisationInput!' },
  keepsSources: true,
  state: timesState,
};

/** Identifier columns become the `identifiers` list, which replaces them all: kept ones are sent again. */
function organisationInput(fields: Fields, current: Fields) {
  const input: Record<string, unknown> = {};
  let identifiersChanged = false;
  for (const [key, value] of Object.entries(fields)) {
    if ((organisationSchemes as readonly string[]).includes(key.toUpperCase())) identifiersChanged = true;
    else input[key] = value;
  }
  if (identifiersChanged) {
    const merged = { ...current, ...fields };
    input.identifiers = organisationSchemes.flatMap((scheme) => {
      const value = merged[scheme.toLowerCase()];
      return typeof value === 'string' ? [{ scheme, value }] : [];
    });
  }
  return input;
}

const PRACTICE_SCALARS = [
  'language',
  'type',
  'maturity',
  'trl',
  'cdhiCodes',
  'healthSystemChallenges',
  'serviceTypes',
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
] as const;

/** A practice's place in the review workflow and its times, sent in the `state` argument. */
const PRACTICE_STATE = ['status', ...TIMES, 'publishedAt'] as const;

const practices: RecordType = {
  type: 'practices',
  graphqlType: 'Practice',
  byId: 'practice',
  bySource: 'practiceBySource',
  bySources: 'practicesBySource',
  selection: `id version status title summary description language
    translations { language title summary description } ${PRACTICE_SCALARS.filter((field) => field !== 'language').join(' ')}
    owner { id } contributors { organisation { id } role } evidence { kind url title } createdAt updatedAt publishedAt`,
  identifiersOf: () => [],
  current(record) {
    return {
      ...pick(record, ['title', 'summary', 'description', ...PRACTICE_SCALARS, ...PRACTICE_STATE]),
      translations: record.translations,
      ownerId: (record.owner as { id: string }).id,
      contributors: (record.contributors as { organisation: { id: string }; role: string }[]).map((row) => ({
        organisationId: row.organisation.id,
        role: row.role,
      })),
      evidence: record.evidence,
    };
  },
  createInput: (fields) => practiceInput(fields, {}),
  updateInput: (changed, current) => practiceInput(changed, current),
  create: {
    mutation: 'registerPractice',
    inputType: 'RegisterPracticeInput!',
    bulk: { mutation: 'registerPractices', recordType: 'PracticeRegistrationInput!' },
  },
  update: { mutation: 'updatePractice', inputType: 'UpdatePracticeInput!' },
  keepsSources: true,
  state: { inputType: 'PracticeStateInput', fields: PRACTICE_STATE },
};

const ADOPTION_SCALARS = ['country', 'nuts', 'scale', 'status', 'startDate', 'endDate', 'note'] as const;

const adoptions: RecordType = {
  type: 'adoptions',
  graphqlType: 'Adoption',
  byId: 'adoption',
  bySource: 'adoptionBySource',
  selection: `id version ${ADOPTION_SCALARS.join(' ')} createdAt updatedAt practice { id } adopter { id } project { id }`,
  identifiersOf: () => [],
  current: (record) => ({
    ...pick(record, [...ADOPTION_SCALARS, ...TIMES]),
    practiceId: (record.practice as { id: string }).id,
    adopterId: (record.adopter as { id: string }).id,
    projectId: (record.project as { id: string } | null)?.id ?? null,
  }),
  createInput: (fields) => ({ ...fields }),
  updateInput: (changed) => {
    const { practiceId: _practice, adopterId: _adopter, ...input } = changed;
    return input;
  },
  updateProblems: (changed) =>
    (['practiceId', 'adopterId'] as const)
      .filter((field) => changed[field] !== undefined)
      .map((field) => ({
        field: field.slice(0, -2),
        message: `an adoption keeps its ${field.slice(0, -2)}: remove it and record another adoption`,
      })),
  create: { mutation: 'addAdoption', inputType: 'AddAdoptionInput!' },
  update: { mutation: 'updateAdoption', inputType: 'UpdateAdoptionInput!' },
  keepsSources: true,
  state: timesState,
};

/** Translated columns (`title@fr`) become `translations`, which replaces them all: kept ones are sent again. */
function practiceInput(fields: Fields, current: Fields) {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (key !== 'translations') input[key] = value;
  if (fields.translations !== undefined) {
    const kept = (current.translations as Translation[] | undefined) ?? [];
    input.translations = mergeTranslations(kept, fields.translations as Translation[]);
  }
  return input;
}

export interface Translation {
  language: string;
  title?: string | null;
  summary?: string | null;
  description?: string | null;
}

/** The translations a row gives, over those stored: a row's language columns replace that language's texts. */
export function mergeTranslations(kept: readonly Translation[], given: readonly Translation[]): Translation[] {
  const byLanguage = new Map(kept.map((row) => [row.language, { ...row }]));
  for (const row of given) {
    const texts = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
    byLanguage.set(row.language, { ...byLanguage.get(row.language), ...texts } as Translation);
  }
  return [...byLanguage.values()]
    .filter((row) => row.title || row.summary)
    .sort((a, b) => a.language.localeCompare(b.language));
}

function pick(record: Record<string, unknown>, keys: readonly string[]): Fields {
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? null]));
}

const NEED_SCALARS = [
  'title',
  'description',
  'language',
  'country',
  'nuts',
  'cdhiCodes',
  'healthSystemChallenges',
  'serviceTypes',
  'targetGroups',
  'careSettings',
  'languages',
  'minMaturity',
  'startDate',
  'endDate',
] as const;
const NEED_STATE = ['status', 'needState', 'matchedPracticeId', ...TIMES, 'publishedAt'] as const;

const needs: RecordType = {
  type: 'needs',
  graphqlType: 'Need',
  byId: 'need',
  bySource: 'needBySource',
  selection: `id version ${NEED_SCALARS.join(' ')} status state createdAt updatedAt publishedAt owner { id } matchedPractice { id }`,
  identifiersOf: () => [],
  current: (record) => ({
    ...pick(record, [...NEED_SCALARS, 'status', ...TIMES, 'publishedAt']),
    needState: record.state ?? null,
    matchedPracticeId: (record.matchedPractice as { id: string } | null)?.id ?? null,
    ownerId: (record.owner as { id: string }).id,
  }),
  createInput: (fields) => ({ ...fields }),
  updateInput: (changed) => {
    const { ownerId: _owner, ...input } = changed;
    return input;
  },
  updateProblems: (changed) =>
    changed.ownerId === undefined
      ? []
      : [{ field: 'owner', message: 'a need keeps its owner: state it again for the other organisation' }],
  create: { mutation: 'createNeed', inputType: 'CreateNeedInput!' },
  update: { mutation: 'updateNeed', inputType: 'UpdateNeedInput!' },
  keepsSources: true,
  state: { inputType: 'NeedStateInput', fields: NEED_STATE },
};

const projectSchemes = ['CORDIS', 'GRANT'] as const;

const PROJECT_SCALARS = [
  'acronym',
  'title',
  'summary',
  'language',
  'kind',
  'programme',
  'grantNumber',
  'cordisId',
  'totalBudget',
  'euContribution',
  'website',
  'startDate',
  'endDate',
] as const;

/** The twinning columns, flattened in a row, and the fields of the API's TwinningInput they fill. */
const TWINNING_FIELDS = {
  twinningOriginatorId: 'originatorId',
  twinningAdopters: 'adopterIds',
  twinningPracticeId: 'practiceId',
  twinningType: 'type',
  twinningStages: 'stages',
  twinningOutcome: 'outcome',
} as const;

const projects: RecordType = {
  type: 'projects',
  graphqlType: 'Project',
  byId: 'project',
  byIdentifier: { query: 'projectByIdentifier', schemeType: 'ProjectIdentifierScheme', schemes: projectSchemes },
  bySource: 'projectBySource',
  selection: `id version ${PROJECT_SCALARS.join(' ')} translations { language title summary } funder { id }
    participants { organisation { id } role } practices { practice { id } role } synergies { kind project { id } }
    twinning { originator { id } adopters { organisation { id } } practice { id } type outcome
      stages { name startDate endDate description } }`,
  identifiersOf: (fields) =>
    projectSchemes.flatMap((scheme) => {
      const field = scheme === 'CORDIS' ? 'cordisId' : 'grantNumber';
      const value = fields[field];
      return typeof value === 'string' ? [{ scheme, value, field }] : [];
    }),
  current(record) {
    const twinning = record.twinning as {
      originator: { id: string };
      adopters: { organisation: { id: string } }[];
      practice: { id: string } | null;
      type: string;
      outcome: string | null;
      stages: unknown[];
    } | null;
    return {
      ...pick(record, PROJECT_SCALARS),
      translations: record.translations,
      funderId: (record.funder as { id: string } | null)?.id ?? null,
      participants: (record.participants as { organisation: { id: string }; role: string }[]).map((row) => ({
        organisationId: row.organisation.id,
        role: row.role,
      })),
      practices: (record.practices as { practice: { id: string } | null; role: string }[]).map((row) => ({
        practiceId: row.practice?.id ?? null,
        role: row.role,
      })),
      // A synergies cell is reference=KIND, read as a roles cell: its KIND is the API's `kind`.
      synergies: (record.synergies as { kind: string; project: { id: string } }[]).map((row) => ({
        projectId: row.project.id,
        role: row.kind,
      })),
      twinningOriginatorId: twinning?.originator.id ?? null,
      twinningAdopters: twinning?.adopters.map((row) => row.organisation.id) ?? [],
      twinningPracticeId: twinning?.practice?.id ?? null,
      twinningType: twinning?.type ?? null,
      twinningStages: twinning?.stages ?? [],
      twinningOutcome: twinning?.outcome ?? null,
    };
  },
  createInput: (fields) => projectInput(fields, {}),
  updateInput: (changed, current) => projectInput(changed, current),
  create: { mutation: 'createProject', inputType: 'CreateProjectInput!' },
  update: { mutation: 'updateProject', inputType: 'UpdateProjectInput!' },
  keepsSources: true,
  columnOf(path) {
    const [head, inner] = path.split(/[.[]/) as [string, string | undefined];
    if (head === 'stages') return 'twinningStages';
    if (head !== 'twinning') return undefined;
    const column = Object.entries(TWINNING_FIELDS).find(([, field]) => field === inner)?.[0] ?? 'twinningOriginator';
    return column.replace(/Id$/, '');
  },
};

/**
 * A row's twinning columns become the API's `twinning`, which replaces the twinning whole: when one changes, the
 * others are sent again as stored. A project with none of them, and not of kind TWINNING, has no twinning.
 */
function projectInput(fields: Fields, current: Fields) {
  const input = practiceInput(
    Object.fromEntries(Object.entries(fields).filter(([key]) => !(key in TWINNING_FIELDS))),
    current,
  );
  if (fields.synergies) {
    input.synergies = (fields.synergies as { projectId: string; role: string }[]).map(({ projectId, role }) => ({
      projectId,
      kind: role,
    }));
  }
  if (!Object.keys(fields).some((key) => key in TWINNING_FIELDS)) return input;
  const merged = { ...current, ...fields };
  const twinning = Object.fromEntries(
    Object.entries(TWINNING_FIELDS).map(([column, field]) => [field, merged[column] ?? null]),
  );
  twinning.adopterIds ??= [];
  twinning.stages ??= [];
  const given = Object.values(twinning).some((value) => (Array.isArray(value) ? value.length > 0 : value !== null));
  if (given || merged.kind === 'TWINNING') input.twinning = twinning;
  return input;
}

export const recordTypes: Partial<Record<ImportType, RecordType>> = {
  organisations,
  practices,
  adoptions,
  projects,
  needs,
};
