// The import engine: reads rows a chunk at a time, matches each to a record (RADAR id, identifier, source key),
// resolves the records it names, and creates, updates or leaves it through RADAR's own GraphQL API, each record
// all-or-nothing: creates in bulk mutations, updates one mutation each, lookups by source key in lists. A dry run
// sends the same mutations with the dry-run header; a row naming a record the same run would create is checked
// naming a stand-in like it (an existing record of the same owner and status that the caller may act on).
import { createHash } from 'node:crypto';
import { type IdentifierSchemeCode, normaliseIdentifier } from '@radar/common';
import {
  CellProblem,
  type Problem,
  type Reference,
  readEvidence,
  readPlain,
  readReference,
  readRoles,
  readStages,
  splitList,
} from './cells.js';
import type { GraphQLError, ImportClient, RequestOptions } from './client.js';
import { columnOf, type ImportType, importTypes, type SourceRow } from './columns.js';
import { type Fields, mergeTranslations, type RecordType, recordTypes, type Translation } from './records.js';

const UNAVAILABLE = 'SERVICE_UNAVAILABLE';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** One line of the report: what happened to one input record. */
export interface ReportEntry {
  type: ImportType;
  file?: string;
  line: number;
  outcome: Outcome;
  id?: string;
  source?: string;
  sourceId?: string;
  /** Rejected: the column at fault, the reason, and the API's error code. */
  field?: string;
  reason?: string;
  code?: string;
  problems?: Problem[];
}

export interface ImportOptions {
  client: ImportClient;
  /** The source of rows that name none. */
  source?: string;
  /** Names this run in the audit trail of what it changes. */
  run?: string;
  dryRun?: boolean;
  /**
   * Carry the times rows give (createdAt, updatedAt, publishedAt), as when a curator restores a registry from its
   * dump. Without it a JSON-LD record's times are left to the write, and a CSV row giving one is refused on it: records
   * dated in the past enter the change feeds behind where harvesters (and the SPARQL store) have read them.
   */
  keepTimes?: boolean;
  /** Rows read and matched together; a chunk's lookups share requests. */
  chunkSize?: number;
  /** Lookups per request (the gateway's alias limit bounds it). */
  lookupsPerRequest?: number;
  /** Source keys per list lookup, for the types that have one. */
  sourceKeysPerRequest?: number;
  /** Writes per request: each waits for the one before it, so a long batch risks the gateway's timeout. */
  writesPerRequest?: number;
  /** Records per bulk create (registerPractices, createOrganisations, …), for the types that have one. */
  createsPerRequest?: number;
  /** Mutations in flight at once. */
  concurrency?: number;
  /** Told each record's outcome in input order; a promise it answers (a report file catching up) is waited for. */
  onRecord?: (entry: ReportEntry) => unknown;
}

export type Summary = Record<Outcome, number> & { total: number };

/** The columns that date a record, carried only by an import that keeps times. */
const TIMES = new Set(['createdAt', 'updatedAt', 'publishedAt']);
const KEEP_TIMES =
  'is carried only by an import that keeps times (--keep-times, keepTimes=true), as when a curator restores a registry';

/** A reference value inside a row's fields, replaced by the id it resolves to. */
class Ref {
  constructor(
    readonly reference: Reference,
    readonly refers: 'organisation' | 'practice' | 'project',
    readonly field: string,
  ) {}
}

interface Prepared {
  row: SourceRow;
  entry: ReportEntry;
  fields: Fields;
  problems: Problem[];
  id?: string;
  sourceKey?: { source: string; sourceId: string };
  identifiers: { scheme: IdentifierSchemeCode; value: string; field: string }[];
}

const lookupRecord: Record<'organisation' | 'practice' | 'project', ImportType> = {
  organisation: 'organisations',
  practice: 'practices',
  project: 'projects',
};

/** Runs an import over rows in dependency order (organisations, then practices, …) and returns the counts. */
export async function runImport(rows: AsyncIterable<SourceRow>, options: ImportOptions): Promise<Summary> {
  const engine = new Engine(options);
  let chunk: SourceRow[] = [];
  let lastType: ImportType | undefined;
  for await (const row of rows) {
    if (lastType && importTypes.indexOf(row.type) < importTypes.indexOf(lastType)) {
      throw new Error(`${row.type} rows must come before ${lastType} rows: records are imported in dependency order`);
    }
    if (chunk.length > 0 && row.type !== lastType) {
      await engine.process(chunk);
      chunk = [];
    }
    lastType = row.type;
    chunk.push(row);
    if (chunk.length >= engine.chunkSize) {
      await engine.process(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await engine.process(chunk);
  return engine.summary;
}

class Engine {
  readonly summary: Summary = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly chunkSize: number;
  private readonly lookupsPerRequest: number;
  private readonly writesPerRequest: number;
  private readonly createsPerRequest: number;
  private readonly sourceKeysPerRequest: number;
  private readonly concurrency: number;
  /** Dry run: the records this run would create, held for the whole run, as later rows may name them. */
  private readonly wouldCreate = new WouldCreate();
  private standIns: Promise<{ curator: boolean; organisations: string[] }> | undefined;
  /** Dry run: the practices an organisation owns and the projects it coordinates, asked once each. */
  private readonly owned = new Map<string, Promise<StandIn[]>>();
  private readonly anyOf = new Map<'practice' | 'project', Promise<StandIn[]>>();
  /** Writes sent again once after a service was unavailable. */
  private readonly retried = new WeakSet<Planned>();

  constructor(private readonly options: ImportOptions) {
    this.chunkSize = options.chunkSize ?? 800;
    this.lookupsPerRequest = options.lookupsPerRequest ?? 15;
    this.writesPerRequest = Math.min(options.writesPerRequest ?? 8, this.lookupsPerRequest);
    this.createsPerRequest = options.createsPerRequest ?? 100;
    this.sourceKeysPerRequest = options.sourceKeysPerRequest ?? 300;
    this.concurrency = options.concurrency ?? 4;
  }

  /** Imports one chunk of rows of one type and reports them in their order. */
  async process(rows: SourceRow[]) {
    const type = rows[0]?.type as ImportType;
    const spec = recordTypes[type];
    let pending = rows.map((row) => this.prepare(row, spec));
    const all = pending;
    if (!spec) {
      for (const item of pending) this.reject(item, { field: 'type', message: `${type} are not imported yet` });
    }
    while (spec && pending.length > 0) {
      const found = await this.lookUp(spec, pending);
      // Rows that match one record are written one after another, each read afresh after the one before; so is a
      // row naming a record of its own type (a member's network) that an earlier row of the chunk writes.
      const claimed = new Set<string>();
      const now: Prepared[] = [];
      const later: Prepared[] = [];
      for (const item of pending) {
        const records = matchKeys(spec, item).flatMap((lookup) => {
          const id = found.get(lookupKey(lookup))?.record?.id;
          return typeof id === 'string' ? [id] : [];
        });
        const keys = [...records, ...matchKeys(spec, item).map(lookupKey)];
        const named = refsIn(item.fields)
          .filter((ref) => lookupRecord[ref.refers] === spec.type)
          .map((ref) => referenceKey(spec.type, ref.reference));
        if ([...keys, ...named].some((key) => claimed.has(key))) later.push(item);
        else now.push(item);
        for (const key of keys) claimed.add(key);
      }
      const planned: Planned[] = [];
      await runPooled(now, this.concurrency, async (item) => {
        const write = await this.plan(spec, item, found);
        if (write) planned.push(write);
      });
      planned.sort((a, b) => now.indexOf(a.item) - now.indexOf(b.item));
      // Creates go in bulk where the type has a bulk mutation, each with its status and times; updates, which each name
      // a version, one by one.
      const inBulk = spec.create.bulk ? planned.filter((write) => write.outcome === 'created') : [];
      const batches = [
        ...bulkBatches(inBulk, this.createsPerRequest).map((batch) => () => this.sendBulk(spec, batch)),
        ...slices(
          planned.filter((write) => !inBulk.includes(write)),
          this.writesPerRequest,
        ).map((batch) => () => this.send(spec, batch)),
      ];
      await runPooled(batches, this.concurrency, (send) => send());
      pending = later;
    }
    for (const item of all) await this.report(item.entry);
  }

  private prepare(row: SourceRow, spec: RecordType | undefined): Prepared {
    const cells = row.row;
    const source = cells.source?.trim() || this.options.source;
    const sourceId = cells.sourceId?.trim() || undefined;
    const entry: ReportEntry = {
      type: row.type,
      ...(row.file ? { file: row.file } : {}),
      line: row.line,
      outcome: 'rejected',
      ...(source ? { source } : {}),
      ...(sourceId ? { sourceId } : {}),
    };
    const item: Prepared = { row, entry, fields: {}, problems: [], identifiers: [] };
    if (row.problem) {
      item.problems.push({ field: row.problem.column, message: row.problem.reason });
      return item;
    }
    if (sourceId && !source) item.problems.push({ field: 'source', message: 'is needed with sourceId (or --source)' });
    if (source && sourceId) item.sourceKey = { source, sourceId };
    const id = cells.id?.trim();
    if (id) {
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) item.id = id.toLowerCase();
      else item.problems.push({ field: 'id', message: `"${id}" is not a RADAR id (a UUID)` });
    }
    const translations = new Map<string, Translation>();
    for (const [header, cell] of Object.entries(cells)) {
      if (header === 'id' || header === 'source' || header === 'sourceId') continue;
      if (TIMES.has(header) && cell.trim() && !this.options.keepTimes) {
        if (!row.linkedData) item.problems.push({ field: header, message: KEEP_TIMES });
        continue;
      }
      const named = columnOf(row.type, header);
      if (!named) {
        item.problems.push({ field: header, message: `is not a column of ${row.type}` });
        continue;
      }
      const { column, language } = named;
      try {
        if (language) {
          const translation = translations.get(language) ?? { language };
          (translation as unknown as Record<string, unknown>)[column.name] = cell.trim() || null;
          translations.set(language, translation);
        } else if (column.kind === 'reference') {
          const field = `${column.name}Id`;
          item.fields[field] = cell.trim()
            ? new Ref(readReference(cell, source), column.refers ?? 'organisation', column.name)
            : null;
        } else if (column.kind === 'references') {
          item.fields[column.name] = splitList(cell).map(
            (item) => new Ref(readReference(item, source), column.refers ?? 'organisation', column.name),
          );
        } else if (column.kind === 'roles') {
          // contributors and participants name organisations (organisationId), a project's practices practiceId.
          const refers = column.refers ?? 'organisation';
          item.fields[column.name] = readRoles(cell, source).map(({ reference, role }) => ({
            [`${refers}Id`]: new Ref(reference, refers, column.name),
            role,
          }));
        } else if (column.kind === 'stages') {
          item.fields[column.name] = readStages(cell);
        } else if (column.kind === 'evidence') {
          item.fields.evidence = readEvidence(cell);
        } else {
          item.fields[column.name] = readPlain(column, cell);
        }
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        item.problems.push({ field: header, message: error.message });
      }
    }
    if (translations.size > 0) item.fields.translations = [...translations.values()];
    if (spec) {
      const named = spec.identifiersOf(item.fields);
      for (const identifier of named) {
        const normalised = normaliseIdentifier(identifier.scheme, identifier.value);
        if (!normalised.ok) item.problems.push({ field: identifier.field, message: normalised.reason });
        else {
          item.fields[identifier.field] = normalised.value;
          item.identifiers.push({ ...identifier, value: normalised.value });
        }
      }
      // Without a key a second run could not find the record the first one made, and would make it again.
      if (!id && named.length === 0 && !sourceId) {
        item.problems.push({
          field: 'sourceId',
          message: 'is needed when the row has no id or identifier: it is how a re-import finds the record',
        });
      }
    }
    return item;
  }

  /** Every record a chunk's rows match or name, fetched in as few requests as the alias limit allows. */
  private async lookUp(spec: RecordType, prepared: Prepared[]) {
    const wanted = new Map<string, Lookup>();
    const want = (lookup: Lookup) => wanted.set(lookupKey(lookup), lookup);
    for (const item of prepared) {
      if (item.problems.length > 0) continue;
      for (const lookup of matchKeys(spec, item)) want(lookup);
      for (const ref of refsIn(item.fields)) {
        const type = lookupRecord[ref.refers];
        if (ref.reference.by !== 'id') want({ type, ...ref.reference } as Lookup);
      }
    }
    const found = new Map<string, { record: Record<string, unknown> | null; error?: GraphQLError }>();
    const all = [...wanted.values()];
    // Source keys of a type with a list lookup go in lists of many; the other lookups as aliases.
    const listed = new Map<ImportType, Extract<Lookup, { by: 'source' }>[]>();
    const aliased: Lookup[] = [];
    for (const lookup of all) {
      if (lookup.by === 'source' && recordTypes[lookup.type]?.bySources) {
        listed.set(lookup.type, [...(listed.get(lookup.type) ?? []), lookup]);
      } else aliased.push(lookup);
    }
    const requests = [
      ...[...listed.values()].flatMap((lookups) =>
        slices(lookups, this.sourceKeysPerRequest).map((group) => () => this.lookUpSources(group, found)),
      ),
      ...slices(aliased, this.lookupsPerRequest).map((group) => async () => {
        const answer = await this.options.client.request<Record<string, Record<string, unknown> | null>>(
          lookupQuery(group),
          lookupVariables(group),
        );
        group.forEach((lookup, index) => {
          const error = answer.errors?.find((candidate) => candidate.path?.[0] === `l${index}`);
          found.set(lookupKey(lookup), { record: answer.data?.[`l${index}`] ?? null, ...(error ? { error } : {}) });
        });
      }),
    ];
    await runPooled(requests, this.concurrency, (request) => request());
    return found;
  }

  /** Source keys of one type, looked up with its list lookup: one answer per key, in order. */
  private async lookUpSources(group: Extract<Lookup, { by: 'source' }>[], found: Map<string, LookupResult>) {
    const spec = recordTypes[group[0]?.type as ImportType] as RecordType;
    const answer = await this.options.client.request<{ l: (Record<string, unknown> | null)[] | null }>(
      `query Lookup($k: [SourceKeyLookupInput!]!) { l: ${spec.bySources}(keys: $k) { ...${spec.graphqlType}Fields } } ${fieldsFragment(spec)}`,
      { k: group.map(({ source, sourceId }) => ({ source, sourceId })) },
    );
    group.forEach((lookup, index) => {
      const error = answer.errors?.find(
        (candidate) => candidate.path?.[0] === 'l' && (candidate.path.length === 1 || candidate.path[1] === index),
      );
      found.set(lookupKey(lookup), { record: answer.data?.l?.[index] ?? null, ...(error ? { error } : {}) });
    });
  }

  /** Decides what a row does: rejected or unchanged here, else the mutation that creates or updates its record. */
  private async plan(spec: RecordType, item: Prepared, found: Map<string, LookupResult>): Promise<Planned | undefined> {
    if (item.problems.length > 0) {
      this.reject(item, ...item.problems);
      return undefined;
    }
    // References: each must name a record that exists, or (dry run) one this run would create.
    for (const ref of refsIn(item.fields)) {
      const toBeCreated = this.wouldCreateRecord(ref);
      if (ref.reference.by === 'id' && !toBeCreated) continue;
      const result =
        ref.reference.by === 'id'
          ? undefined
          : found.get(lookupKey({ type: lookupRecord[ref.refers], ...ref.reference } as Lookup));
      const id = result?.record?.id as string | undefined;
      if (id) continue;
      if (toBeCreated && (await this.standInsFor(ref)).length > 0) continue;
      item.problems.push({
        field: ref.field,
        message: result?.error
          ? result.error.message
          : toBeCreated
            ? noStandIn(ref)
            : `names no ${ref.refers} in RADAR: ${describe(ref.reference)}`,
      });
    }
    if (item.problems.length > 0) {
      this.reject(item, ...item.problems);
      return undefined;
    }
    // A stand-in is never the record the row itself matches (a project is no synergy of its own).
    const own = matchKeys(spec, item).flatMap((lookup) => {
      const id = found.get(lookupKey(lookup))?.record?.id;
      return typeof id === 'string' ? [id] : [];
    });
    const fields = await this.resolve(item.fields, found, own);

    // Matching: every key the row carries must name the same record.
    const matches = new Map<string, string>();
    const consider = (lookup: Lookup, field: string) => {
      const result = found.get(lookupKey(lookup));
      if (result?.error) item.problems.push({ field, message: result.error.message });
      const id = result?.record?.id as string | undefined;
      if (id) matches.set(id, field);
      return result?.record ?? null;
    };
    let record: Record<string, unknown> | null = null;
    if (item.id) {
      record = consider({ type: spec.type, by: 'id', id: item.id }, 'id');
      if (!record && !item.row.keepsId) {
        item.problems.push({ field: 'id', message: `names no ${spec.graphqlType.toLowerCase()} in RADAR` });
      }
    }
    for (const identifier of item.identifiers) {
      record = consider({ type: spec.type, by: 'identifier', ...identifier }, identifier.field) ?? record;
    }
    if (item.sourceKey) record = consider({ type: spec.type, by: 'source', ...item.sourceKey }, 'sourceId') ?? record;
    if (matches.size > 1) {
      const [[first, firstField], [second, secondField]] = [...matches.entries()] as [
        [string, string],
        [string, string],
      ];
      item.problems.push({
        field: secondField,
        message: `names ${spec.graphqlType.toLowerCase()} ${second}, but ${firstField} names ${first}`,
      });
    }
    if (item.problems.length > 0) {
      this.reject(item, ...item.problems);
      return undefined;
    }

    const sourceArgument = item.sourceKey
      ? { ...item.sourceKey, ...(this.options.run ? { run: this.options.run } : {}) }
      : undefined;
    const { input: given, state } = splitState(spec, fields);
    if (!record) {
      return {
        item,
        outcome: 'created',
        input: { ...spec.createInput(given), ...(item.row.keepsId && item.id ? { id: item.id } : {}) },
        source: sourceArgument,
        ...(state ? { state } : {}),
      };
    }
    const current = spec.current(record);
    if (fields.translations) {
      fields.translations = mergeTranslations(
        (current.translations as Translation[] | null) ?? [],
        fields.translations as Translation[],
      );
    }
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => !sameValue(key, value, current[key])),
    );
    const hasKey =
      !item.sourceKey ||
      ((record.sources as { source: string; sourceId: string }[] | undefined) ?? []).some(
        (key) => key.source === item.sourceKey?.source && key.sourceId === item.sourceKey?.sourceId,
      );
    item.entry.id = record.id as string;
    if (Object.keys(changed).length === 0 && hasKey) {
      item.entry.outcome = 'unchanged';
      return;
    }
    const refused = spec.updateProblems?.(changed) ?? [];
    if (refused.length > 0) {
      this.reject(item, ...refused);
      return undefined;
    }
    return {
      item,
      outcome: 'updated',
      id: record.id as string,
      version: record.version as number,
      input: spec.updateInput(splitState(spec, changed).input, current),
      source: sourceArgument,
      ...(state ? { state } : {}),
    };
  }

  /**
   * How writes are sent: as a dry run or not, and naming this import for the audit entries of records a row names by
   * RADAR id only, which carry no source key to name it: `import <run> from <source> (<file>)`, as much as is known.
   */
  private writeOptions(batch: readonly Planned[]): RequestOptions {
    const files = new Set(batch.map((write) => write.item.row.file).filter((file) => file !== undefined));
    const file = files.size === 1 ? [...files][0] : undefined;
    const { run, source } = this.options;
    const from = source ? ` from ${source}${file ? ` (${file})` : ''}` : file ? ` from ${file}` : '';
    return { dryRun: this.options.dryRun ?? false, importNote: `import${run ? ` ${run}` : ''}${from}` };
  }

  /**
   * Sends planned writes as one request of aliased mutations, which the API runs one after another, each
   * all-or-nothing. The first that fails stops the rest: those before it are done, it is rejected, those after it
   * are sent again. A request refused before anything ran (a value a variable's type refuses) is sent again one
   * write at a time, so the bad one is found.
   */
  private async send(spec: RecordType, batch: Planned[]): Promise<void> {
    const answer = await this.options.client.request<Record<string, { id: string } | null>>(
      mutationQuery(spec, batch),
      mutationVariables(batch),
      this.writeOptions(batch),
    );
    const errors = answer.errors ?? [];
    if (errors.length === 0 && answer.data) {
      for (const [index, write] of batch.entries()) this.settle(spec, write, answer.data[`r${index}`]?.id);
      return;
    }
    // A write the API refused stops those after it; an unavailable service says nothing of what ran.
    const failed = errors.find(
      (error) => /^r\d+$/.test(String(error.path?.[0] ?? '')) && error.extensions?.code !== UNAVAILABLE,
    );
    if (failed) {
      const at = Number(String(failed.path?.[0]).slice(1));
      const done = batch.slice(0, at);
      const ids = this.options.dryRun ? new Map<Planned, string>() : await this.idsOf(spec, done);
      for (const write of done) this.settle(spec, write, ids.get(write));
      const rejected = batch[at] as Planned;
      this.reject(rejected.item, ...problemsOf(failed, rejected.item.fields, spec));
      const rest = batch.slice(at + 1);
      if (rest.length > 0) await this.send(spec, rest);
      return;
    }
    // No write is named: either nothing ran, or the answer was lost (a timeout on the way back). What is in RADAR
    // now tells which writes happened; the others are sent again, one at a time when the batch was refused whole.
    const written = this.options.dryRun ? new Map<Planned, string>() : await this.writtenOf(spec, batch);
    for (const [write, id] of written) this.settle(spec, write, id);
    const rest = batch.filter((write) => !written.has(write));
    if (rest.length === 1 && batch.length === 1) {
      const [write] = rest as [Planned];
      if (errors[0]?.extensions?.code === UNAVAILABLE && !this.retried.has(write)) {
        this.retried.add(write);
        return this.send(spec, rest);
      }
      this.reject(write.item, ...problemsOf(errors[0], write.item.fields, spec));
      return;
    }
    for (const write of rest) await this.send(spec, [write]);
  }

  /**
   * Sends creates as one bulk mutation, which answers each record's id or its error at its index: each record is
   * all-or-nothing and a refused one stops none of the others. A request refused before anything ran (a value a
   * variable's type refuses, which names its record) is sent again without that record, which goes alone; one whose
   * answer was lost is checked against what RADAR now holds and the rest sent again in halves.
   */
  private async sendBulk(spec: RecordType, batch: Planned[]): Promise<void> {
    const bulk = spec.create.bulk;
    if (!bulk || batch.length === 1) return this.send(spec, batch);
    const answer = await this.options.client.request<{ r: ({ id: string } | null)[] | null }>(
      `mutation Import($r: [${bulk.recordType}]!) { r: ${bulk.mutation}(records: $r) { id } }`,
      { r: batch.map(bulkRecord) },
      this.writeOptions(batch),
    );
    const errors = answer.errors ?? [];
    const results = answer.data?.r;
    if (Array.isArray(results)) {
      const again: Planned[] = [];
      for (const [index, write] of batch.entries()) {
        const id = results[index]?.id;
        const error = errors.find((candidate) => candidate.path?.[0] === 'r' && candidate.path?.[1] === index);
        if (id) this.settle(spec, write, id);
        else if (error && error.extensions?.code !== UNAVAILABLE) {
          this.reject(write.item, ...problemsOf(error, write.item.fields, spec));
        } else again.push(write);
      }
      for (const write of again) await this.send(spec, [write]);
      return;
    }
    // Refused as a whole by a rule on every record (an editor creating organisations): each is rejected with it.
    const refused = errors.find(
      (error) => error.path?.length === 1 && error.path[0] === 'r' && error.extensions?.code !== UNAVAILABLE,
    );
    if (refused) {
      for (const write of batch) this.reject(write.item, ...problemsOf(refused, write.item.fields, spec));
      return;
    }
    const named = errors.map((error) => /at "r\[(\d+)\]/.exec(error.message)?.[1]).find((index) => index !== undefined);
    const bad = named === undefined ? undefined : batch[Number(named)];
    if (bad) {
      await this.send(spec, [bad]);
      return this.sendBulk(
        spec,
        batch.filter((write) => write !== bad),
      );
    }
    const written = this.options.dryRun ? new Map<Planned, string>() : await this.writtenOf(spec, batch);
    for (const [write, id] of written) this.settle(spec, write, id);
    const rest = batch.filter((write) => !written.has(write));
    const half = Math.ceil(rest.length / 2);
    for (const part of [rest.slice(0, half), rest.slice(half)]) if (part.length > 0) await this.sendBulk(spec, part);
  }

  /** The writes of a batch that RADAR shows done: the record created, or at a later version than the one updated. */
  private async writtenOf(spec: RecordType, batch: Planned[]): Promise<Map<Planned, string>> {
    const found = await this.lookUp(
      spec,
      batch.map((write) => ({ ...write.item, fields: {} })),
    );
    const written = new Map<Planned, string>();
    for (const write of batch) {
      for (const lookup of matchKeys(spec, write.item)) {
        const record = found.get(lookupKey(lookup))?.record;
        if (!record || typeof record.id !== 'string') continue;
        if (write.outcome === 'created' || (record.version as number) > (write.version as number)) {
          written.set(write, record.id);
        }
      }
    }
    return written;
  }

  /** The ids of records written by a request whose answer was lost to a later write's failure. */
  private async idsOf(spec: RecordType, writes: Planned[]): Promise<Map<Planned, string>> {
    const ids = new Map<Planned, string>();
    const known = writes.filter((write) => write.id !== undefined);
    for (const write of known) ids.set(write, write.id as string);
    const unknown = writes.filter((write) => write.id === undefined);
    if (unknown.length === 0) return ids;
    const found = await this.lookUp(
      spec,
      unknown.map((write) => ({ ...write.item, fields: {} })),
    );
    for (const write of unknown) {
      for (const lookup of matchKeys(spec, write.item)) {
        const id = found.get(lookupKey(lookup))?.record?.id;
        if (typeof id === 'string') ids.set(write, id);
      }
    }
    return ids;
  }

  private settle(spec: RecordType, write: Planned, id: string | undefined) {
    const { item, outcome } = write;
    if (id) item.entry.id ??= id;
    item.entry.outcome = outcome;
    if (this.options.dryRun && outcome === 'created') {
      const profile = profileOf(spec, write);
      if (item.sourceKey) this.wouldCreate.add(referenceKey(spec.type, { by: 'source', ...item.sourceKey }), profile);
      for (const identifier of item.identifiers) {
        this.wouldCreate.add(referenceKey(spec.type, { by: 'identifier', ...identifier }), profile);
      }
      if (item.row.keepsId && item.id) {
        this.wouldCreate.add(referenceKey(spec.type, { by: 'id', id: item.id }), profile);
      }
      // A dry run's id names nothing: the record was never written.
      delete item.entry.id;
    }
  }

  private reject(item: Prepared, ...problems: (Problem & { code?: string })[]) {
    const [first] = problems;
    item.entry.outcome = 'rejected';
    if (first) {
      item.entry.field = first.field;
      item.entry.reason = first.message;
      if (first.code) item.entry.code = first.code;
    }
    if (problems.length > 1) item.entry.problems = problems.map(({ field, message }) => ({ field, message }));
  }

  /** Records are reported with their chunk, in the order of the input. */
  private async report(entry: ReportEntry) {
    this.summary.total += 1;
    this.summary[entry.outcome] += 1;
    await this.options.onRecord?.(entry);
  }

  /**
   * Replaces each reference by the id it names. A dry run's records yet to be created get stand-ins, a different one
   * for each record the row names and none the row names itself or matches (`own`), so lists that may not name one
   * twice stay valid; of those, one in the record's status where there is one.
   */
  private async resolve(fields: Fields, found: Map<string, LookupResult>, own: readonly string[]): Promise<Fields> {
    const idOf = (ref: Ref) => {
      if (ref.reference.by === 'id') return this.wouldCreateRecord(ref) ? undefined : ref.reference.id;
      return found.get(lookupKey({ type: lookupRecord[ref.refers], ...ref.reference } as Lookup))?.record?.id as
        | string
        | undefined;
    };
    const named = new Set([...own, ...refsIn(fields).flatMap((ref) => idOf(ref) ?? [])]);
    const standIns = new Map<string, string | null>();
    const standInOf = async (ref: Ref) => {
      const key = referenceKey(lookupRecord[ref.refers], ref.reference);
      if (!standIns.has(key)) {
        const pool = (await this.standInsFor(ref)).filter((standIn) => !own.includes(standIn.id));
        const published = this.wouldCreate.get(key)?.published ?? false;
        const taken = new Set([...named, ...standIns.values()]);
        const free = pool.filter((standIn) => !taken.has(standIn.id));
        const chosen = free.find((standIn) => standIn.published === published) ?? free[0] ?? pool[0];
        standIns.set(key, chosen?.id ?? null);
      }
      return standIns.get(key) ?? null;
    };
    const resolveValue = async (value: unknown): Promise<unknown> => {
      if (value instanceof Ref) {
        const id = idOf(value) ?? (await standInOf(value));
        return id ?? (value.reference.by === 'id' ? value.reference.id : null);
      }
      if (Array.isArray(value)) return Promise.all(value.map(resolveValue));
      if (value && typeof value === 'object') {
        const entries = await Promise.all(
          Object.entries(value).map(async ([key, inner]) => [key, await resolveValue(inner)] as const),
        );
        return Object.fromEntries(entries);
      }
      return value;
    };
    return (await resolveValue(fields)) as Fields;
  }

  /** Dry run: whether a reference names a record this run would create (and so has not written). */
  private wouldCreateRecord(ref: Ref): boolean {
    return (
      !!this.options.dryRun && this.wouldCreate.get(referenceKey(lookupRecord[ref.refers], ref.reference)) !== undefined
    );
  }

  /**
   * Dry run: a record a row names and this run would create does not exist, so the row is checked naming an existing
   * record like it instead, which the caller may act on: for an organisation, any (curators) or their own (editors);
   * for a practice, one of the same owner, and for a project one of the same coordinator, else any for a curator.
   */
  private async standInsFor(ref: Ref): Promise<StandIn[]> {
    const { curator, organisations } = await this.standInPool();
    if (ref.refers === 'organisation') return organisations.map((id) => ({ id, published: false }));
    const owner = this.wouldCreate.get(referenceKey(lookupRecord[ref.refers], ref.reference))?.owner;
    const alike = owner ? await this.ownedBy(ref.refers, owner) : [];
    return alike.length > 0 || !curator ? alike : this.anyRecords(ref.refers);
  }

  /** The caller's rights and the organisations a dry run's stand-ins are taken from. */
  private standInPool() {
    this.standIns ??= (async () => {
      const answer = await this.options.client.request<{
        me: { curator: boolean; organisations: { id: string }[] } | null;
        organisations: { nodes: { id: string }[] };
      }>('{ me { curator organisations { id } } organisations(first: 50) { nodes { id } } }');
      const me = answer.data?.me;
      if (!me) return { curator: false, organisations: [] };
      const pool = (me.curator ? answer.data?.organisations.nodes : me.organisations) ?? [];
      return { curator: me.curator, organisations: pool.map((node) => node.id) };
    })();
    return this.standIns;
  }

  /** The practices `organisation` owns, or the projects it coordinates, that the caller may see. */
  private ownedBy(refers: 'practice' | 'project', organisation: string): Promise<StandIn[]> {
    const key = `${refers} ${organisation}`;
    let pool = this.owned.get(key);
    if (!pool) {
      pool = (async () => {
        const answer = await this.options.client.request<{
          organisation: {
            practices?: { nodes: { id: string; status: string }[] };
            projects?: { id: string }[];
          } | null;
        }>(
          refers === 'practice'
            ? 'query($o: UUID!) { organisation(id: $o) { practices(first: 50, role: OWNER) { nodes { id status } } } }'
            : 'query($o: UUID!) { organisation(id: $o) { projects(role: COORDINATOR) { id } } }',
          { o: organisation },
        );
        return standInsOf(answer.data?.organisation?.practices?.nodes ?? answer.data?.organisation?.projects ?? []);
      })();
      this.owned.set(key, pool);
    }
    return pool;
  }

  /** Any practices or projects, for a curator whose stand-in has no owner in common with the record. */
  private anyRecords(refers: 'practice' | 'project'): Promise<StandIn[]> {
    let pool = this.anyOf.get(refers);
    if (!pool) {
      pool = (async () => {
        const answer = await this.options.client.request<{ l: { nodes: { id: string; status?: string }[] } }>(
          refers === 'practice'
            ? '{ l: practices(first: 50) { nodes { id status } } }'
            : '{ l: projects(first: 50) { nodes { id } } }',
        );
        return standInsOf(answer.data?.l.nodes ?? []);
      })();
      this.anyOf.set(refers, pool);
    }
    return pool;
  }
}

/** Why a dry run cannot check a row naming a record the run would create: RADAR holds nothing like it. */
function noStandIn(ref: Ref) {
  const alike = { organisation: '', practice: ' of the same owner', project: ' of the same coordinator' }[ref.refers];
  return (
    `names ${ref.refers === 'organisation' ? 'an' : 'a'} ${ref.refers} this dry run would create ` +
    `(${describe(ref.reference)}), and RADAR holds no ${ref.refers} you may act on${alike} to check the row against ` +
    'in its place: it is checked only by a real run'
  );
}

/**
 * The records a dry run would create, by each key that names them (its source key, identifiers, kept id): a 48-bit
 * hash of the key, with the index of its profile among the few distinct ones (an owner and a status), some 45 bytes
 * a key in all, so a dry run creating a million records holds about 45 MB. A reference whose key shares a hash with
 * one of them (about one chance in 3·10^8 per reference among a million keys) is checked against a stand-in.
 */
class WouldCreate {
  private readonly keys = new Map<number, number>();
  private readonly profiles: Profile[] = [];
  private readonly profileIndex = new Map<string, number>();

  add(key: string, profile: Profile) {
    const name = `${profile.owner ?? ''} ${profile.published}`;
    let index = this.profileIndex.get(name);
    if (index === undefined) {
      index = this.profiles.push(profile) - 1;
      this.profileIndex.set(name, index);
    }
    this.keys.set(hashOf(key), index);
  }

  get(key: string): Profile | undefined {
    const index = this.keys.get(hashOf(key));
    return index === undefined ? undefined : this.profiles[index];
  }
}

function hashOf(key: string): number {
  return createHash('sha256').update(key).digest().readUIntBE(0, 6);
}

/** What a stand-in shares with a record a dry run would create: its owner (or coordinator) and its status. */
interface Profile {
  owner?: string;
  published: boolean;
}

interface StandIn {
  id: string;
  published: boolean;
}

function standInsOf(nodes: readonly { id: string; status?: string }[]): StandIn[] {
  return nodes.map((node) => ({ id: node.id, published: node.status === 'PUBLISHED' }));
}

/** The owner of a practice (or a need), the coordinator of a project, and whether the record would be published. */
function profileOf(spec: RecordType, write: Planned): Profile {
  const participants = write.input.participants as { organisationId: string; role: string }[] | undefined;
  const owner =
    spec.type === 'projects'
      ? participants?.find((participant) => participant.role === 'COORDINATOR')?.organisationId
      : (write.input.ownerId as string | undefined);
  return { ...(owner ? { owner } : {}), published: write.state?.status === 'PUBLISHED' };
}

/** A write a row needs: a create, or an update of record `id` at `version`. */
interface Planned {
  item: Prepared;
  outcome: 'created' | 'updated';
  id?: string;
  version?: number;
  input: Record<string, unknown>;
  source: { source: string; sourceId: string; run?: string } | undefined;
  /** The `state` argument: the row's status and times, for types that take them. */
  state?: Record<string, unknown>;
}

/** A row's fields split into the mutation's input and, for types that have one, its `state` argument. */
function splitState(spec: RecordType, fields: Fields): { input: Fields; state: Fields | undefined } {
  if (!spec.state) return { input: fields, state: undefined };
  const names = spec.state.fields;
  const input = Object.fromEntries(Object.entries(fields).filter(([key]) => !names.includes(key)));
  const given = Object.entries(fields).filter(([key, value]) => names.includes(key) && value !== undefined);
  return { input, state: given.length > 0 ? Object.fromEntries(given) : undefined };
}

function mutationQuery(spec: RecordType, batch: Planned[]): string {
  const variables: string[] = [];
  const fields = batch.map((write, index) => {
    const { mutation, inputType } = write.outcome === 'created' ? spec.create : spec.update;
    variables.push(`$i${index}: ${inputType}`, `$s${index}: SourceKeyInput`);
    if (write.outcome === 'updated') variables.push(`$d${index}: UUID!`, `$v${index}: Int!`);
    if (spec.state) variables.push(`$t${index}: ${spec.state.inputType}`);
    const target = write.outcome === 'updated' ? `id: $d${index}, version: $v${index}, ` : '';
    const state = spec.state ? `, state: $t${index}` : '';
    return `r${index}: ${mutation}(${target}input: $i${index}, source: $s${index}${state}) { id }`;
  });
  return `mutation Import(${variables.join(', ')}) { ${fields.join(' ')} }`;
}

function mutationVariables(batch: Planned[]): Record<string, unknown> {
  return Object.fromEntries(
    batch.flatMap((write, index) => [
      [`i${index}`, write.input],
      [`s${index}`, write.source ?? null],
      ...(write.state ? [[`t${index}`, write.state]] : []),
      ...(write.outcome === 'updated'
        ? [
            [`d${index}`, write.id],
            [`v${index}`, write.version],
          ]
        : []),
    ]),
  );
}

type Lookup =
  | { type: ImportType; by: 'id'; id: string }
  | { type: ImportType; by: 'identifier'; scheme: IdentifierSchemeCode; value: string }
  | { type: ImportType; by: 'source'; source: string; sourceId: string };
type LookupResult = { record: Record<string, unknown> | null; error?: GraphQLError };

/** The lookups that match a row to its record: its RADAR id, its identifiers and its source key. */
function matchKeys(spec: RecordType, item: Prepared): Lookup[] {
  if (item.problems.length > 0) return [];
  return [
    ...(item.id ? [{ type: spec.type, by: 'id' as const, id: item.id }] : []),
    ...item.identifiers.map(({ scheme, value }) => ({ type: spec.type, by: 'identifier' as const, scheme, value })),
    ...(item.sourceKey ? [{ type: spec.type, by: 'source' as const, ...item.sourceKey }] : []),
  ];
}

function lookupKey(lookup: Lookup): string {
  switch (lookup.by) {
    case 'id':
      return `${lookup.type} id ${lookup.id}`;
    case 'identifier':
      return `${lookup.type} ${lookup.scheme} ${lookup.value}`;
    case 'source':
      return `${lookup.type} source ${lookup.source}\u0000${lookup.sourceId}`;
  }
}

function referenceKey(type: ImportType, reference: Reference) {
  return lookupKey({ type, ...reference } as Lookup);
}

function fieldsFragment(spec: RecordType) {
  return `fragment ${spec.graphqlType}Fields on ${spec.graphqlType} { ${spec.selection}${spec.keepsSources ? ' sources { source sourceId }' : ''} }`;
}

function lookupQuery(group: Lookup[]): string {
  const fragments = new Set<string>();
  const fields = group.map((lookup, index) => {
    const spec = recordTypes[lookup.type];
    if (!spec) throw new Error(`${lookup.type} cannot be looked up`);
    fragments.add(fieldsFragment(spec));
    const alias = `l${index}`;
    switch (lookup.by) {
      case 'id':
        return `${alias}: ${spec.byId}(id: $v${index}) { ...${spec.graphqlType}Fields }`;
      case 'identifier':
        return `${alias}: ${spec.byIdentifier?.query}(scheme: ${lookup.scheme}, value: $v${index}) { ...${spec.graphqlType}Fields }`;
      default:
        return `${alias}: ${spec.bySource}(source: $s${index}, sourceId: $v${index}) { ...${spec.graphqlType}Fields }`;
    }
  });
  const variables = group.flatMap((lookup, index) => {
    if (lookup.by === 'id') return [`$v${index}: UUID!`];
    if (lookup.by === 'identifier') return [`$v${index}: String!`];
    return [`$s${index}: String!`, `$v${index}: String!`];
  });
  return `query Lookup(${variables.join(', ')}) { ${fields.join(' ')} } ${[...fragments].join(' ')}`;
}

function lookupVariables(group: Lookup[]): Record<string, unknown> {
  return Object.fromEntries(
    group.flatMap((lookup, index) => {
      if (lookup.by === 'id') return [[`v${index}`, lookup.id]];
      if (lookup.by === 'identifier') return [[`v${index}`, lookup.value]];
      return [
        [`s${index}`, lookup.source],
        [`v${index}`, lookup.sourceId],
      ];
    }),
  );
}

function refsIn(value: unknown): Ref[] {
  if (value instanceof Ref) return [value];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(refsIn);
  return [];
}

function describe(reference: Reference) {
  if (reference.by === 'id') return reference.id;
  if (reference.by === 'identifier') return `${reference.scheme} ${reference.value}`;
  return `${reference.source} ${reference.sourceId}`;
}

/** Lists whose order carries no meaning are compared as sets; texts without their outer white space. */
const UNORDERED = new Set([
  'cdhiCodes',
  'healthSystemChallenges',
  'serviceTypes',
  'topics',
  'targetGroups',
  'careSettings',
  'languages',
  'countries',
  'nuts',
  'standards',
  'contributors',
  'translations',
  'memberships',
  'participants',
  'practices',
  'synergies',
  'twinningAdopters',
  'twinningStages',
]);

/** Times are compared as instants, whatever their ISO 8601 spelling. */
const DATE_TIMES = new Set(['createdAt', 'updatedAt', 'publishedAt']);

function normalValue(key: string, value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (DATE_TIMES.has(key) && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) {
    const items = value.map((item) =>
      item && typeof item === 'object'
        ? Object.fromEntries(
            Object.entries(item)
              .map(([inner, innerValue]) => [inner, normalValue(inner, innerValue)] as const)
              .sort(([a], [b]) => a.localeCompare(b)),
          )
        : normalValue(key, item),
    );
    return UNORDERED.has(key) ? items.map((item) => JSON.stringify(item)).sort() : items;
  }
  return value;
}

function sameValue(key: string, given: unknown, stored: unknown): boolean {
  return JSON.stringify(normalValue(key, given)) === JSON.stringify(normalValue(key, stored));
}

/** The column that says whose record a row is, which a right refused on the record is reported on; `row` is all of it. */
const OWNER_COLUMNS: Partial<Record<ImportType, string>> = {
  practices: 'owner',
  needs: 'owner',
  projects: 'participants',
  organisations: 'row',
};

/** The problems an API error names, with the API's input fields turned back into the row's columns. */
function problemsOf(
  error: GraphQLError | undefined,
  fields: Fields,
  spec: RecordType,
): (Problem & { code?: string })[] {
  if (!error) return [{ field: 'id', message: 'the API answered nothing' }];
  const code = error.extensions?.code;
  const listed = error.extensions?.problems;
  // A value a variable's type refuses is named by its path in the variable: i0.kind (input), s0.sourceId (source).
  const coerced = /at "([ist])\d+\.([^"]+)"/.exec(error.message);
  const missing = /Field "([^"]+)" of required type/.exec(error.message);
  const variableField = coerced
    ? `${{ i: '', s: 'source.', t: 'state.' }[coerced[1] as 'i']}${coerced[2]}`
    : missing?.[1];
  // A right refused names no field: the row's owner (for an organisation, the record itself) is what is refused.
  const refusedOn = (code === 'FORBIDDEN' && OWNER_COLUMNS[spec.type]) || 'id';
  const raw = listed?.length
    ? listed
    : [{ field: error.extensions?.field ?? variableField ?? refusedOn, message: error.message }];
  return raw.map(({ field, message }) => ({
    field: columnFor(field, fields, spec),
    message: stripField(field, message),
    ...(code ? { code } : {}),
  }));
}

function stripField(field: string, message: string) {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

function columnFor(field: string, fields: Fields, spec: RecordType): string {
  const path = field.replace(/^input\./, '');
  const named = spec.columnOf?.(path);
  if (named) return named;
  const identifier = /^identifiers\[(\d+)\]/.exec(path);
  if (identifier && spec.type === 'organisations') {
    const schemes = ['ror', 'wikidata', 'pic', 'vat'].filter((scheme) => typeof fields[scheme] === 'string');
    return schemes[Number(identifier[1])] ?? 'identifiers';
  }
  const translation = /^translations\[(\d+)\]\.?(\w+)?/.exec(path);
  if (translation) {
    const row = (fields.translations as Translation[] | undefined)?.[Number(translation[1])];
    return row && translation[2] ? `${translation[2]}@${row.language}` : 'translations';
  }
  if (path === 'source.sourceId' || path === 'source.source') return path.slice('source.'.length);
  if (path.startsWith('state.')) return path.slice('state.'.length);
  const head = path.split(/[.[]/)[0] ?? path;
  return head.endsWith('Id') && head !== 'sourceId' ? head.slice(0, -2) : head;
}

/** One record of a bulk create: its input, source key and state (status, times), as the single create takes them. */
function bulkRecord(write: Planned) {
  return { input: write.input, source: write.source ?? null, ...(write.state ? { state: write.state } : {}) };
}

/** The gateway refuses a request body over 100 kB: a bulk request stays well under it, however long its texts. */
const BULK_BYTES = 60_000;

/** Creates in batches of at most `size` records and BULK_BYTES of input. */
function bulkBatches(writes: readonly Planned[], size: number): Planned[][] {
  const batches: Planned[][] = [];
  let batch: Planned[] = [];
  let bytes = 0;
  for (const write of writes) {
    const length = JSON.stringify(bulkRecord(write)).length;
    if (batch.length > 0 && (batch.length >= size || bytes + length > BULK_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(write);
    bytes += length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function slices<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/** Runs `work` over `items` with at most `limit` in flight, in order of start. */
async function runPooled<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}
