// The columns of RADAR's import files, one list per record type: the CSV reader, the JSON-LD reader, the templates
// and the engine all read them here, so a column is added in one place.
import { type CodeListEntry, DEFAULT_TEXT_LANGUAGE } from '@radar/common';
import { identifierSchemes, organisationKinds } from '@radar/organisations/codes';
import {
  adoptionScales,
  adoptionStatuses,
  careSettings,
  cdhiCodes,
  contributorRoles,
  evidenceKinds,
  healthSystemChallenges,
  interoperabilityStandards,
  maturityStages,
  needStates,
  practiceStatuses,
  practiceTypes,
  serviceTypes,
  targetGroups,
  topics,
} from '@radar/practices/codes';
import {
  participantRoles,
  practiceLinkRoles,
  programmes,
  projectKinds,
  synergyKinds,
  twinningTypes,
} from '@radar/projects/codes';

/** The record types an import takes, in the order their records may refer to each other. */
export const importTypes = ['organisations', 'practices', 'projects', 'adoptions', 'needs'] as const;
export type ImportType = (typeof importTypes)[number];

/** One input record: the type it is, where it came from (file and line, or a JSON-LD node) and its cells by column. */
export interface SourceRow {
  type: ImportType;
  /** The line of a CSV file (the header is line 1), or the position of the node in a JSON-LD document. */
  line: number;
  /** The file or document the row came from, for the report. */
  file?: string;
  row: Record<string, string>;
  /** The id is the record's own, as in RADAR's JSON-LD: a row whose id names no record creates it under that id. */
  keepsId?: boolean;
  /** Read from linked data, whose records always say when they were made and changed (see keepTimes). */
  linkedData?: boolean;
  /** Set by a reader that could not read the record (e.g. JSON-LD that says too little): reported, never written. */
  problem?: { column: string; reason: string };
}

/** Where an import reads its records: a CSV reader, the JSON-LD reader, or rows built in code. */
export type RowSource = AsyncIterable<SourceRow>;

/**
 * How a cell is read.
 * - text, email, url, date (YYYY-MM-DD), integer, amount (euros, e.g. 1250000.50): one value;
 * - code: one code of `codes`; codes: several, separated by `;`;
 * - list: several free values separated by `;` (ISO codes, NUTS codes, CDHI codes…);
 * - reference: one organisation, practice or project (see REFERENCE_FORMS); references: several separated by `;`;
 * - roles: several `reference=ROLE` separated by `;` (ROLE one of `codes`);
 * - evidence: several `KIND url title` separated by `;` (KIND one of `codes`; the title may be left out);
 * - stages: several `name|YYYY-MM-DD|YYYY-MM-DD|description` separated by `;`.
 */
export type ColumnKind =
  | 'text'
  | 'email'
  | 'url'
  | 'date'
  | 'integer'
  | 'amount'
  | 'code'
  | 'codes'
  | 'list'
  | 'reference'
  | 'references'
  | 'roles'
  | 'evidence'
  | 'stages';

export interface Column {
  name: string;
  kind: ColumnKind;
  description: string;
  /** Must be given when the row creates a record. */
  required?: boolean;
  /** The values a code, codes, roles or evidence column takes. */
  codes?: readonly CodeListEntry[];
  /** What a reference names. */
  refers?: 'organisation' | 'practice' | 'project';
  /** Translated text: `title@fr` holds the French title; the bare column is the text in the record's `language`. */
  translated?: boolean;
  /** What an empty cell stands for, where the field cannot be cleared. */
  whenEmpty?: string;
}

/** A list cell's separator. */
export const LIST_SEPARATOR = ';';

/** The forms a reference cell takes, for the documentation and the template. */
export const REFERENCE_FORMS =
  'a RADAR id (UUID); an identifier as scheme:value (ror:03hd30t45, wikidata:Q8880, pic:999999999, vat:RO4701126, ' +
  'cordis:101083048, grant:101083048) or a ROR, Wikidata or CORDIS page, in any common spelling; or the sourceId of a ' +
  'record of the same source (another row of this import or one imported before)';

/** Columns every record type has: how a row is matched to the record it updates. */
const identity: Column[] = [
  { name: 'id', kind: 'text', description: 'RADAR id of the record to update; empty to match otherwise or create.' },
  {
    name: 'source',
    kind: 'text',
    description: 'The registry the row comes from (e.g. eu-best-practice-portal); the --source option when empty.',
  },
  {
    name: 'sourceId',
    kind: 'text',
    description: 'The record’s id in that registry; source and sourceId are kept, so a re-import updates it.',
  },
];

/**
 * When a record was registered and last changed (dct:created, dct:modified in RADAR's JSON-LD): curators carry them
 * so a round trip exports the same graph; an editor's row that gives them is refused. Empty: the time of the write.
 */
const times: Column[] = [
  {
    name: 'createdAt',
    kind: 'text',
    description: 'When it was registered, as an ISO 8601 date-time (curators); not after updatedAt.',
  },
  {
    name: 'updatedAt',
    kind: 'text',
    description: 'When it was last changed, as an ISO 8601 date-time (curators); not in the future.',
  },
];

const organisationColumns: Column[] = [
  ...identity,
  { name: 'name', kind: 'text', required: true, description: 'Up to 300 characters.' },
  { name: 'acronym', kind: 'text', description: 'Up to 50 characters.' },
  { name: 'kind', kind: 'code', required: true, codes: organisationKinds, description: 'What kind of organisation.' },
  { name: 'country', kind: 'text', description: 'ISO 3166-1 alpha-2 code, e.g. RO.' },
  { name: 'nuts', kind: 'text', description: 'NUTS code of its region, e.g. RO21; must lie in country.' },
  { name: 'city', kind: 'text', description: 'Up to 100 characters.' },
  { name: 'website', kind: 'url', description: 'An http(s) URL.' },
  { name: 'email', kind: 'email', description: 'A public contact address.' },
  { name: 'description', kind: 'text', description: 'Markdown, up to 5,000 characters.' },
  ...identifierSchemes.map(
    (scheme): Column => ({
      name: scheme.code.toLowerCase(),
      kind: 'text',
      description: `${scheme.label}, in any common spelling; also matches the row to the organisation it names.`,
    }),
  ),
  {
    name: 'memberships',
    kind: 'references',
    refers: 'organisation',
    description: 'The networks it is a member of; replaces them all when given (adding one: curators).',
  },
  ...times,
];

const practiceColumns: Column[] = [
  ...identity,
  {
    name: 'title',
    kind: 'text',
    required: true,
    translated: true,
    description: 'Up to 300 characters; title@fr etc. in other languages.',
  },
  {
    name: 'summary',
    kind: 'text',
    required: true,
    translated: true,
    description: 'Up to 1,000 characters; summary@fr etc. in other languages.',
  },
  {
    name: 'description',
    kind: 'text',
    translated: true,
    description: 'Markdown, up to 20,000 characters; description@fr etc. in other languages.',
  },
  {
    name: 'language',
    kind: 'text',
    description: 'ISO 639-1 code of title, summary and description; en when empty.',
    whenEmpty: DEFAULT_TEXT_LANGUAGE,
  },
  { name: 'type', kind: 'code', required: true, codes: practiceTypes, description: 'What kind of practice.' },
  { name: 'maturity', kind: 'code', required: true, codes: maturityStages, description: 'How mature it is.' },
  { name: 'trl', kind: 'integer', description: 'Technology readiness level, 1 to 9.' },
  { name: 'owner', kind: 'reference', refers: 'organisation', required: true, description: 'The owning organisation.' },
  {
    name: 'contributors',
    kind: 'roles',
    refers: 'organisation',
    codes: contributorRoles,
    description: 'Contributing organisations as reference=ROLE, e.g. ror:03hd30t45=DEVELOPER.',
  },
  { name: 'cdhiCodes', kind: 'codes', codes: cdhiCodes, description: 'WHO CDHI v2 codes, e.g. 2.4.1.' },
  {
    name: 'healthSystemChallenges',
    kind: 'codes',
    codes: healthSystemChallenges,
    description: 'WHO health system challenges it addresses, e.g. 3.5.',
  },
  {
    name: 'serviceTypes',
    kind: 'codes',
    codes: serviceTypes,
    description: 'WHO service and application types, e.g. A9.',
  },
  { name: 'topics', kind: 'codes', codes: topics, description: 'Themes of digital health.' },
  { name: 'targetGroups', kind: 'codes', codes: targetGroups, description: 'Who it is for.' },
  { name: 'careSettings', kind: 'codes', codes: careSettings, description: 'Where it is used.' },
  { name: 'languages', kind: 'list', description: 'ISO 639-1 codes of the languages it is available in.' },
  { name: 'countries', kind: 'list', description: 'ISO 3166-1 alpha-2 codes of the countries it is available in.' },
  { name: 'nuts', kind: 'list', description: 'NUTS codes of the regions it is available in, each in countries.' },
  { name: 'landingPage', kind: 'url', description: 'An http(s) URL.' },
  { name: 'contactEmail', kind: 'email', description: 'Shown only to curators and the owner’s editors.' },
  { name: 'licence', kind: 'text', description: 'An SPDX licence id, or PROPRIETARY.' },
  { name: 'standards', kind: 'codes', codes: interoperabilityStandards, description: 'Interoperability standards.' },
  { name: 'certification', kind: 'text', description: 'e.g. MDR class IIa.' },
  {
    name: 'evidence',
    kind: 'evidence',
    codes: evidenceKinds,
    description: 'Evidence links as KIND url title, e.g. PUBLICATION https://doi.org/10.1000/182 Trial results.',
  },
  {
    name: 'status',
    kind: 'code',
    codes: practiceStatuses,
    description:
      'Where it ends up in the review workflow, reached in the same write: an editor submits at most (SUBMITTED), only curators may give PUBLISHED; empty leaves it as it is (DRAFT when created).',
  },
  ...times,
  {
    name: 'publishedAt',
    kind: 'text',
    description: 'When it was first published, as an ISO 8601 date-time (curators), with status PUBLISHED.',
  },
];

const adoptionColumns: Column[] = [
  ...identity,
  { name: 'practice', kind: 'reference', refers: 'practice', required: true, description: 'The practice adopted.' },
  { name: 'adopter', kind: 'reference', refers: 'organisation', required: true, description: 'Who adopts it.' },
  { name: 'country', kind: 'text', required: true, description: 'ISO 3166-1 alpha-2 code.' },
  { name: 'nuts', kind: 'text', description: 'NUTS code of the region, in country.' },
  { name: 'scale', kind: 'code', required: true, codes: adoptionScales, description: 'How widely.' },
  { name: 'status', kind: 'code', required: true, codes: adoptionStatuses, description: 'Where it stands.' },
  { name: 'startDate', kind: 'date', description: 'YYYY-MM-DD.' },
  { name: 'endDate', kind: 'date', description: 'YYYY-MM-DD, not before startDate.' },
  { name: 'project', kind: 'reference', refers: 'project', description: 'The project through which it was adopted.' },
  { name: 'note', kind: 'text', description: 'A note on the adoption.' },
  ...times,
];

const projectColumns: Column[] = [
  ...identity,
  { name: 'acronym', kind: 'text', required: true, description: 'The project’s acronym.' },
  {
    name: 'title',
    kind: 'text',
    required: true,
    translated: true,
    description: 'The full title; title@fr etc. in other languages.',
  },
  { name: 'summary', kind: 'text', translated: true, description: 'A summary; summary@fr etc. in other languages.' },
  {
    name: 'language',
    kind: 'text',
    description: 'ISO 639-1 code of title and summary; en when empty.',
    whenEmpty: DEFAULT_TEXT_LANGUAGE,
  },
  { name: 'kind', kind: 'code', required: true, codes: projectKinds, description: 'What kind of project.' },
  { name: 'programme', kind: 'code', required: true, codes: programmes, description: 'The funding programme.' },
  { name: 'funder', kind: 'reference', refers: 'organisation', description: 'The funding organisation.' },
  { name: 'grantNumber', kind: 'text', description: 'The grant agreement number; also matches the row.' },
  { name: 'cordisId', kind: 'text', description: 'CORDIS project id or page; also matches the row.' },
  { name: 'totalBudget', kind: 'amount', description: 'In euros, e.g. 1250000.50.' },
  { name: 'euContribution', kind: 'amount', description: 'In euros, not above totalBudget.' },
  { name: 'website', kind: 'url', description: 'An http(s) URL.' },
  { name: 'startDate', kind: 'date', description: 'YYYY-MM-DD.' },
  { name: 'endDate', kind: 'date', description: 'YYYY-MM-DD, not before startDate.' },
  {
    name: 'participants',
    kind: 'roles',
    refers: 'organisation',
    codes: participantRoles,
    description:
      'Participating organisations as reference=ROLE; at most one COORDINATOR (a project without one is imported by curators only).',
  },
  {
    name: 'practices',
    kind: 'roles',
    refers: 'practice',
    codes: practiceLinkRoles,
    description: 'Practices produced, used or transferred, as reference=ROLE.',
  },
  {
    name: 'synergies',
    kind: 'roles',
    refers: 'project',
    codes: synergyKinds,
    description:
      'Linked projects as reference=KIND, read from this project (FOLLOW_UP: the other continues it); shown on both. A project named must be imported before (or earlier in the file); replaces them all when given.',
  },
  {
    name: 'twinningOriginator',
    kind: 'reference',
    refers: 'organisation',
    description: 'Twinning projects: the organisation that owns the practice transferred.',
  },
  {
    name: 'twinningAdopters',
    kind: 'references',
    refers: 'organisation',
    description: 'Twinning projects: the adopting organisations.',
  },
  {
    name: 'twinningPractice',
    kind: 'reference',
    refers: 'practice',
    description: 'Twinning projects: the practice transferred.',
  },
  {
    name: 'twinningType',
    kind: 'code',
    codes: twinningTypes,
    description: 'Twinning projects: how it is transferred.',
  },
  {
    name: 'twinningStages',
    kind: 'stages',
    description: 'Twinning projects: stages as name|start|end|description, inside the project period.',
  },
  { name: 'twinningOutcome', kind: 'text', description: 'Twinning projects: what came of it.' },
];

const needColumns: Column[] = [
  ...identity,
  { name: 'title', kind: 'text', required: true, description: '3 to 300 characters.' },
  { name: 'description', kind: 'text', required: true, description: 'Markdown, 10 to 20,000 characters.' },
  {
    name: 'language',
    kind: 'text',
    description: 'ISO 639-1 code of title and description; en when empty.',
    whenEmpty: DEFAULT_TEXT_LANGUAGE,
  },
  { name: 'owner', kind: 'reference', refers: 'organisation', required: true, description: 'Who has the need.' },
  { name: 'country', kind: 'text', required: true, description: 'ISO 3166-1 alpha-2 code of where it is.' },
  { name: 'nuts', kind: 'text', description: 'NUTS code of the region, in country.' },
  { name: 'cdhiCodes', kind: 'codes', codes: cdhiCodes, description: 'WHO CDHI v2 interventions sought.' },
  {
    name: 'healthSystemChallenges',
    kind: 'codes',
    codes: healthSystemChallenges,
    description: 'WHO health system challenges to solve.',
  },
  { name: 'serviceTypes', kind: 'codes', codes: serviceTypes, description: 'WHO service and application types.' },
  { name: 'targetGroups', kind: 'codes', codes: targetGroups, description: 'Who it is for.' },
  { name: 'careSettings', kind: 'codes', codes: careSettings, description: 'Where it would be used.' },
  { name: 'languages', kind: 'list', description: 'ISO 639-1 codes; a practice must be available in one of them.' },
  { name: 'minMaturity', kind: 'code', codes: maturityStages, description: 'The least maturity a practice needs.' },
  { name: 'startDate', kind: 'date', description: 'When a solution is needed from, YYYY-MM-DD.' },
  { name: 'endDate', kind: 'date', description: 'Until when, YYYY-MM-DD, not before startDate.' },
  {
    name: 'status',
    kind: 'code',
    codes: practiceStatuses,
    description:
      'Where it ends up in the review workflow, reached in the same write: an editor submits at most (SUBMITTED), only curators may give PUBLISHED; empty leaves it as it is (DRAFT when created).',
  },
  {
    name: 'needState',
    kind: 'code',
    codes: needStates,
    description: 'OPEN, MATCHED (with matchedPractice) or CLOSED; empty leaves it as it is (OPEN when created).',
  },
  {
    name: 'matchedPractice',
    kind: 'reference',
    refers: 'practice',
    description: 'The published practice that meets it, with needState MATCHED.',
  },
  ...times,
  {
    name: 'publishedAt',
    kind: 'text',
    description: 'When it was first published, as an ISO 8601 date-time (curators), with status PUBLISHED.',
  },
];

/** The columns of each record type, in template order. */
export const columns: Record<ImportType, readonly Column[]> = {
  organisations: organisationColumns,
  practices: practiceColumns,
  adoptions: adoptionColumns,
  projects: projectColumns,
  needs: needColumns,
};

/** The column a header names, translated ones (`title@fr`) included; undefined for an unknown header. */
export function columnOf(type: ImportType, header: string): { column: Column; language?: string } | undefined {
  const [name, language] = header.split('@', 2) as [string, string | undefined];
  const column = columns[type].find((candidate) => candidate.name === name);
  if (!column) return undefined;
  if (language === undefined) return { column };
  return column.translated && /^[a-z]{2}$/.test(language) ? { column, language } : undefined;
}
