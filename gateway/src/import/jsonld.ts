// The JSON-LD reader of the import: RADAR's own JSON-LD (a dump, a record's document, a partner's document written
// with RADAR's context) as rows of the same columns as the CSV files, so one engine imports both. Records keep their
// RADAR ids; a record whose IRI is not a RADAR IRI is matched by its IRI as sourceId.
import { type PositionedResult, type ReadRecord, type Reference, readJsonLd } from '@radar/exporter';
import { columnOf, type ImportType, importTypes, LIST_SEPARATOR, type RowSource, type SourceRow } from './columns.js';

/** A row of a node the reader could not read carries the problem (column and reason): reported, never written. */
export const isRejected = (row: SourceRow): row is SourceRow & { problem: NonNullable<SourceRow['problem']> } =>
  row.problem !== undefined;

class Inexpressible extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
type Row = Record<string, string>;

/** A reference cell: the RADAR id when the IRI is RADAR's, else the IRI, which names a record of the same source. */
const reference = (value: Reference | null | undefined) => (value ? (value.id ?? value.iri) : '');

/** The import's list cells separate values with `;`: a value holding one cannot be written, so it is refused. */
function list(column: string, values: readonly string[], forbidden: string[] = [LIST_SEPARATOR]) {
  for (const value of values) {
    const found = forbidden.find((character) => value.includes(character));
    if (found) throw new Inexpressible(column, `"${value}" holds "${found}", which separates values in this column`);
  }
  return values.join(LIST_SEPARATOR);
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** Drops empty cells, so a row says only what the record has. */
const compact = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== ''));

function identity(result: ReadRecord): Row {
  return { id: result.id ?? '', sourceId: result.id ? '' : result.iri };
}

/** Cells of fields carried as they are, each in the column of the field's name. */
const texts = (record: Json, fields: readonly string[]): Row =>
  Object.fromEntries(fields.map((field) => [field, text(record[field])]));

/** List cells of fields of codes or references, each in the column of the field's name. */
const lists = (record: Json, fields: readonly string[]): Row =>
  Object.fromEntries(fields.map((field) => [field, list(field, record[field] as string[])]));

/** The times RADAR's linked data gives a record (dct:created, dct:modified): carried, so it exports as it did. */
const times = (record: Json): Row => texts(record, ['createdAt', 'updatedAt']);

function translations(type: ImportType, record: Json, fields: string[]): Row {
  const row: Row = {};
  for (const translation of (record.translations as Json[] | undefined) ?? []) {
    for (const field of fields) {
      const value = translation[field];
      if (value === null || value === undefined) continue;
      const header = `${field}@${translation.language}`;
      if (!columnOf(type, header)) {
        throw new Inexpressible(field, `a ${field} in language "${String(translation.language)}" has no column`);
      }
      row[header] = String(value);
    }
  }
  return row;
}

const roles = (column: string, items: Json[], key: 'organisation' | 'practice') =>
  list(
    column,
    items.map((item) => `${reference(item[key] as Reference)}=${String(item.role)}`),
  );

/** A cell of a column the import may not have yet: refused when the record has a value for it and there is none. */
function optional(type: ImportType, column: string, what: string, cell: () => string): Row {
  const value = cell();
  if (!value) return {};
  if (!columnOf(type, column)) throw new Inexpressible(column, `${what}: the import has no ${column} column yet`);
  return { [column]: value };
}

function organisationRows(result: ReadRecord): [ImportType, Row][] {
  const record = result.record;
  const identifiers: Row = {};
  for (const { scheme, value } of record.identifiers as { scheme: string; value: string }[]) {
    const column = scheme.toLowerCase();
    if (identifiers[column] !== undefined) {
      throw new Inexpressible(column, `more than one ${scheme} identifier: the import takes one of each scheme`);
    }
    identifiers[column] = value;
  }
  return [
    [
      'organisations',
      {
        ...identity(result),
        ...texts(record, ['name', 'acronym', 'kind', 'country', 'nuts', 'city', 'website', 'email', 'description']),
        ...identifiers,
        ...optional('organisations', 'memberships', 'memberships of networks (org:memberOf)', () =>
          list('memberships', (record.memberships as Reference[]).map(reference)),
        ),
        ...times(record),
      },
    ],
  ];
}

function practiceRows(result: ReadRecord): [ImportType, Row][] {
  const record = result.record;
  const practice = reference({ id: result.id, iri: result.iri });
  const evidence = (record.evidence as { kind: string; url: string; title: string | null }[]).map((item) => {
    if (/\s/.test(item.url)) throw new Inexpressible('evidence', `the evidence link "${item.url}" holds a space`);
    return [item.kind, item.url, ...(item.title ? [item.title] : [])].join(' ');
  });
  const adoptions = (record.adoptions as Json[]).map((adoption): [ImportType, Row] => [
    'adoptions',
    {
      id: text(adoption.id),
      sourceId: adoption.id ? '' : text(adoption.iri),
      practice,
      adopter: reference(adoption.adopter as Reference),
      ...texts(adoption, ['country', 'nuts', 'scale', 'status', 'startDate', 'endDate']),
      project: reference(adoption.project as Reference | null),
      note: text(adoption.note),
      ...times(adoption),
    },
  ]);
  return [
    [
      'practices',
      {
        ...identity(result),
        ...texts(record, ['title', 'summary', 'description']),
        ...translations('practices', record, ['title', 'summary', 'description']),
        ...texts(record, ['language', 'type', 'maturity', 'trl']),
        owner: reference(record.owner as Reference),
        contributors: roles('contributors', record.contributors as Json[], 'organisation'),
        ...lists(record, [
          'cdhiCodes',
          'healthSystemChallenges',
          'serviceTypes',
          'topics',
          'targetGroups',
          'careSettings',
          'languages',
          'countries',
          'nuts',
        ]),
        ...texts(record, ['landingPage', 'licence']),
        standards: list('standards', record.standards as string[]),
        certification: text(record.certification),
        evidence: list('evidence', evidence),
        status: text(record.status),
        ...times(record),
        publishedAt: text(record.publishedAt),
      },
    ],
    ...adoptions,
  ];
}

function projectRows(result: ReadRecord): [ImportType, Row][] {
  const record = result.record;
  const twinning = record.twinning as Json | null;
  const stages = ((twinning?.stages as Json[] | undefined) ?? []).map((stage) =>
    [stage.name, stage.startDate, stage.endDate, stage.description ?? ''].map((value) => {
      const cell = text(value);
      if (cell.includes('|'))
        throw new Inexpressible('twinningStages', `"${cell}" holds "|", which separates a stage's parts`);
      return cell;
    }),
  );
  return [
    [
      'projects',
      {
        ...identity(result),
        ...texts(record, ['acronym', 'title', 'summary']),
        ...translations('projects', record, ['title', 'summary']),
        ...texts(record, ['language', 'kind', 'programme']),
        funder: reference(record.funder as Reference | null),
        ...texts(record, [
          'grantNumber',
          'cordisId',
          'totalBudget',
          'euContribution',
          'website',
          'startDate',
          'endDate',
        ]),
        participants: roles('participants', record.participants as Json[], 'organisation'),
        practices: roles('practices', record.practices as Json[], 'practice'),
        ...optional('projects', 'synergies', 'links to synergy projects', () =>
          list(
            'synergies',
            (record.synergies as { kind: string; project: Reference }[]).map(
              (item) => `${reference(item.project)}=${item.kind}`,
            ),
          ),
        ),
        ...(twinning
          ? {
              twinningOriginator: reference(twinning.originator as Reference),
              twinningAdopters: list(
                'twinningAdopters',
                (twinning.adopters as { organisation: Reference }[]).map((item) => reference(item.organisation)),
              ),
              twinningPractice: reference(twinning.practice as Reference),
              twinningType: text(twinning.type),
              twinningStages: list(
                'twinningStages',
                stages.map((parts) => parts.join('|')),
              ),
              twinningOutcome: text(twinning.outcome),
            }
          : {}),
      },
    ],
  ];
}

function needRows(result: ReadRecord): [ImportType, Row][] {
  const record = result.record;
  if ((record.translations as Json[]).length > 0) {
    throw new Inexpressible('title', 'a need is written in one language: its texts in others have no column');
  }
  return [
    [
      'needs',
      {
        ...identity(result),
        ...texts(record, ['title', 'description', 'language']),
        owner: reference(record.owner as Reference),
        ...texts(record, ['country', 'nuts']),
        ...lists(record, [
          'cdhiCodes',
          'healthSystemChallenges',
          'serviceTypes',
          'targetGroups',
          'careSettings',
          'languages',
        ]),
        ...texts(record, ['minMaturity', 'startDate', 'endDate', 'status']),
        needState: text(record.state),
        matchedPractice: reference(record.matchedPractice as Reference | null),
        ...times(record),
        publishedAt: text(record.publishedAt),
      },
    ],
  ];
}

const rowsOf: Partial<Record<ReadRecord['path'], (result: ReadRecord) => [ImportType, Row][]>> = {
  organisations: organisationRows,
  practices: practiceRows,
  projects: projectRows,
  needs: needRows,
};

function rowsOfResult(result: PositionedResult, file: string | undefined, fallback: ImportType): SourceRow[] {
  const where = { line: result.line, ...(file === undefined ? {} : { file }) };
  const rejected = (path: ReadRecord['path'] | null, column: string, reason: string): SourceRow => ({
    type: importTypes.find((type) => type === path) ?? fallback,
    ...where,
    row: result.kind === 'record' && result.id ? { id: result.id } : {},
    problem: { column, reason: result.iri ? `<${result.iri}>: ${reason}` : reason },
  });
  if (result.kind === 'rejected') return [rejected(result.path, result.field, result.reason)];
  const rows = rowsOf[result.path];
  if (!rows) return [rejected(result.path, 'type', `${result.path} are not imported yet`)];
  try {
    return rows(result).map(([type, row]) => ({
      type,
      ...where,
      row: compact(row),
      ...(row.id ? { keepsId: true } : {}),
    }));
  } catch (error) {
    if (!(error instanceof Inexpressible)) throw error;
    return [rejected(result.path, error.column, error.message)];
  }
}

/**
 * An organisation's memberships name other organisations, and a project's synergies other projects, which may come
 * later in the input: they go in a row of their own, after every record of the type, so each exists by then.
 */
function splitOff(row: SourceRow, column: 'memberships' | 'synergies'): [SourceRow, SourceRow | null] {
  const { [column]: later, ...rest } = row.row;
  if (!later) return [row, null];
  const key: Record<string, string> = row.row.id ? { id: row.row.id } : { sourceId: row.row.sourceId ?? '' };
  // The times go with both rows: the second write must leave the record dated as the first made it.
  const dated = Object.fromEntries(
    (['createdAt', 'updatedAt'] as const).flatMap((name) => (rest[name] ? [[name, rest[name]]] : [])),
  );
  // The later row only updates: when the record's own row was refused, it is refused as naming no record.
  const { keepsId: _keepsId, ...updating } = row;
  return [
    { ...row, row: rest },
    { ...updating, row: { ...key, [column]: later, ...dated } },
  ];
}

/**
 * The rows of a JSON-LD input, read as it streams in (a dump a line at a time), in the order the import takes them:
 * organisations (their memberships after them all), practices, projects (their synergies after them all), the
 * practices' adoptions (held until the projects they may name are read), needs; a node that cannot be imported becomes a row with its problem. A record
 * that comes after records of a later type (which RADAR's dumps never do) is refused, as the records before it may need it.
 */
export async function* jsonLdRows(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: { file?: string } = {},
): RowSource {
  for await (const row of orderedRows(chunks, options)) yield { ...row, linkedData: true };
}

async function* orderedRows(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: { file?: string },
): RowSource {
  let current: ImportType = importTypes[0];
  let deferred: SourceRow[] = [];
  let adoptions: SourceRow[] = [];
  let synergies: SourceRow[] = [];
  const order = (type: ImportType) => importTypes.indexOf(type);
  for await (const result of readJsonLd(chunks)) {
    for (const row of rowsOfResult(result, options.file, current)) {
      if (row.type === 'adoptions' && !row.problem) {
        adoptions.push(row);
        continue;
      }
      if (order(row.type) > order('organisations') && deferred.length) {
        yield* deferred;
        deferred = [];
      }
      if (order(row.type) > order('projects') && synergies.length) {
        yield* synergies;
        synergies = [];
      }
      if (order(row.type) > order('adoptions') && adoptions.length) {
        yield* adoptions;
        adoptions = [];
      }
      if (order(row.type) < order(current)) {
        yield {
          ...row,
          type: current,
          problem: row.problem ?? {
            column: 'type',
            reason: `${row.type} must come before ${current}: records are imported in dependency order`,
          },
        };
        continue;
      }
      if (order(row.type) > order(current)) current = row.type;
      if ((row.type === 'organisations' || row.type === 'projects') && !row.problem) {
        const [first, later] = splitOff(row, row.type === 'organisations' ? 'memberships' : 'synergies');
        if (later) (row.type === 'organisations' ? deferred : synergies).push(later);
        yield first;
        continue;
      }
      yield row;
    }
  }
  yield* deferred;
  yield* synergies;
  yield* adoptions;
}
