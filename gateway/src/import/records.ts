// How each record type is imported through the API: the lookups that match a row to a record, the input a row
// makes, the same input read back from the stored record (to tell an unchanged row), and the mutations that write it.
import type { IdentifierSchemeCode } from '@radar/common';
import type { Reference } from './cells.js';
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
}

const organisationSchemes = ['ROR', 'WIKIDATA', 'PIC', 'VAT'] as const;

const organisations: RecordType = {
  type: 'organisations',
  graphqlType: 'Organisation',
  byId: 'organisation',
  byIdentifier: { query: 'organisationByIdentifier', schemeType: 'IdentifierScheme', schemes: organisationSchemes },
  bySource: 'organisationBySource',
  bySources: 'organisationsBySource',
  selection:
    'id version name acronym kind country nuts city website email description identifiers { scheme value } memberships { id }',
  identifiersOf: (fields) =>
    organisationSchemes.flatMap((scheme) => {
      const value = fields[scheme.toLowerCase()];
      return typeof value === 'string' ? [{ scheme, value, field: scheme.toLowerCase() }] : [];
    }),
  current(record) {
    const identifiers = (record.identifiers as { scheme: string; value: string }[]) ?? [];
    return {
      ...pick(record, ['name', 'acronym', 'kind', 'country', 'nuts', 'city', 'website', 'email', 'description']),
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

const practices: RecordType = {
  type: 'practices',
  graphqlType: 'Practice',
  byId: 'practice',
  bySource: 'practiceBySource',
  bySources: 'practicesBySource',
  selection: `id version status title summary description language
    translations { language title summary description } ${PRACTICE_SCALARS.filter((field) => field !== 'language').join(' ')}
    owner { id } contributors { organisation { id } role } evidence { kind url title }`,
  identifiersOf: () => [],
  current(record) {
    return {
      ...pick(record, ['title', 'summary', 'description', ...PRACTICE_SCALARS]),
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

export const recordTypes: Partial<Record<ImportType, RecordType>> = { organisations, practices };
