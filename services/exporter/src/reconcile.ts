// The W3C Reconciliation Service API, version 0.2 (the protocol OpenRefine speaks), over RADAR's organisations,
// practices and projects, read through the gateway: the service manifest, reconciliation queries with property
// constraints, previews, suggest services for entities, types and properties, and data extension.
// Entity ids are record paths (`organisations/<uuid>`), so `identifierSpace` + id is the record's IRI.
import {
  guessIdentifierScheme,
  type IdentifierSchemeCode,
  normaliseIdentifier,
  REQUEST_ID_HEADER,
} from '@radar/common';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { problem } from './http.js';
import { escapeHtml } from './pages/html.js';
import { BadHarvestRequest, type GatewayRecords, GatewayUnavailable } from './records.js';

export const RECONCILIATION_VERSION = '0.2';

type TypeId = 'Organisation' | 'Practice' | 'Project';
const PATHS: Record<TypeId, string> = { Organisation: 'organisations', Practice: 'practices', Project: 'projects' };
const TYPES: { id: TypeId; name: string; description: string }[] = [
  { id: 'Organisation', name: 'Organisation', description: 'An organisation registered in RADAR' },
  { id: 'Practice', name: 'Practice', description: 'A digital-health practice published in RADAR' },
  { id: 'Project', name: 'Project', description: 'A project registered in RADAR' },
];

interface Property {
  id: string;
  name: string;
  types: TypeId[];
  /** Usable in reconciliation queries. */
  constraint?: boolean;
  /** Usable in data extension: the values of a fetched record. */
  extend?: (record: RecordJson) => Value[];
}
type RecordJson = Record<string, any>;
type Value = { str: string } | { id: string; name: string } | { date: string } | { float: number };

const str = (value: unknown): Value[] =>
  value === null || value === undefined || value === '' ? [] : [{ str: String(value) }];
const identifier = (scheme: string) => (record: RecordJson) =>
  str(record.identifiers?.find((entry: { scheme: string }) => entry.scheme === scheme)?.value);
const organisationRef = (organisation: RecordJson | null | undefined): Value[] =>
  organisation ? [{ id: `organisations/${organisation.id}`, name: organisation.name }] : [];

const PROPERTIES: Property[] = [
  { id: 'name', name: 'Name', types: ['Organisation'], extend: (r) => str(r.name) },
  { id: 'title', name: 'Title', types: ['Practice', 'Project'], extend: (r) => str(r.title) },
  {
    id: 'acronym',
    name: 'Acronym',
    types: ['Organisation', 'Project'],
    constraint: true,
    extend: (r) => str(r.acronym),
  },
  {
    id: 'country',
    name: 'Country (ISO 3166-1 alpha-2)',
    types: ['Organisation', 'Practice'],
    constraint: true,
    extend: (r) => (r.countries ? r.countries.flatMap(str) : str(r.country)),
  },
  { id: 'kind', name: 'Kind', types: ['Organisation', 'Project'], extend: (r) => str(r.kind) },
  { id: 'city', name: 'City', types: ['Organisation'], extend: (r) => str(r.city) },
  { id: 'website', name: 'Website', types: ['Organisation', 'Project'], extend: (r) => str(r.website) },
  { id: 'ror', name: 'ROR id', types: ['Organisation'], constraint: true, extend: identifier('ROR') },
  { id: 'wikidata', name: 'Wikidata item', types: ['Organisation'], constraint: true, extend: identifier('WIKIDATA') },
  { id: 'pic', name: 'EU PIC', types: ['Organisation'], constraint: true, extend: identifier('PIC') },
  { id: 'vat', name: 'VAT number', types: ['Organisation'], constraint: true, extend: identifier('VAT') },
  { id: 'identifier', name: 'Any identifier (ROR, Wikidata, PIC, VAT)', types: ['Organisation'], constraint: true },
  {
    id: 'memberOf',
    name: 'Member of',
    types: ['Organisation'],
    extend: (r) => (r.memberships ?? []).flatMap(organisationRef),
  },
  { id: 'type', name: 'Practice type', types: ['Practice'], extend: (r) => str(r.type) },
  { id: 'maturity', name: 'Maturity', types: ['Practice'], extend: (r) => str(r.maturity) },
  { id: 'owner', name: 'Owner', types: ['Practice'], constraint: true, extend: (r) => organisationRef(r.owner) },
  { id: 'landingPage', name: 'Landing page', types: ['Practice'], extend: (r) => str(r.landingPage) },
  { id: 'programme', name: 'Programme', types: ['Project'], constraint: true, extend: (r) => str(r.programme) },
  { id: 'cordis', name: 'CORDIS project id', types: ['Project'], constraint: true, extend: (r) => str(r.cordisId) },
  { id: 'grant', name: 'Grant number', types: ['Project'], constraint: true, extend: (r) => str(r.grantNumber) },
  {
    id: 'startDate',
    name: 'Start date',
    types: ['Project'],
    extend: (r) => (r.startDate ? [{ date: `${r.startDate}T00:00:00Z` }] : []),
  },
  {
    id: 'endDate',
    name: 'End date',
    types: ['Project'],
    extend: (r) => (r.endDate ? [{ date: `${r.endDate}T00:00:00Z` }] : []),
  },
  { id: 'coordinator', name: 'Coordinator', types: ['Project'], extend: (r) => organisationRef(r.coordinator) },
];

const SELECTIONS: Record<TypeId, string> = {
  Organisation: 'id name acronym kind country city website identifiers { scheme value } memberships { id name }',
  Practice: 'id title type maturity countries landingPage owner { id name }',
  Project: 'id acronym title kind programme cordisId grantNumber website startDate endDate coordinator { id name }',
};

// Legal-form words dropped before names are compared (after folding: `S.A.` is `sa`, `e.V.` is `ev`).
const LEGAL_FORMS = new Set(
  'sa srl sas sarl sasu gmbh ggmbh ag kg ug ev ltd limited inc plc llc corp bv nv spa sl slu ab oy oyj as asa aps asbl vzw kft zrt nyrt sro as doo dd ad ood eood sp zoo ohg mbh se scs scrl cvba aor kdor'.split(
    ' ',
  ),
);

/** Lower case, accents dropped, punctuation gone, legal-form words dropped. */
export function normaliseName(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word && !LEGAL_FORMS.has(word));
  return words.join(' ');
}

function trigrams(text: string): Map<string, number> {
  const padded = `  ${text} `;
  const grams = new Map<string, number>();
  for (let index = 0; index + 3 <= padded.length; index += 1) {
    const gram = padded.slice(index, index + 3);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient of two normalised names' trigrams, word order ignored: 0 to 1. */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const sorted = (text: string) => text.split(' ').sort().join(' ');
  const left = trigrams(sorted(a));
  const right = trigrams(sorted(b));
  let shared = 0;
  let total = 0;
  for (const [gram, count] of left) {
    shared += Math.min(count, right.get(gram) ?? 0);
    total += count;
  }
  for (const count of right.values()) total += count;
  return (2 * shared) / total;
}

export interface ReconciliationQuery {
  query?: string;
  type?: string;
  limit?: number;
  properties?: { pid: string; v: unknown }[];
  type_strict?: string;
}

export interface Candidate {
  id: string;
  name: string;
  description?: string;
  type: { id: string; name: string }[];
  score: number;
  match: boolean;
}

class BadReconciliationRequest extends Error {}

function propertyValues(query: ReconciliationQuery, pid: string): string[] {
  return (query.properties ?? [])
    .filter((property) => property.pid === pid)
    .flatMap((property) => (Array.isArray(property.v) ? property.v : [property.v]))
    .map((value) => (value && typeof value === 'object' && 'id' in value ? String(value.id) : String(value ?? '')))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Refuses a property a query of `type` cannot be constrained by: unknown, of another type, or not a constraint. */
function checkConstraints(type: TypeId, properties: unknown): void {
  if (properties === undefined) return;
  if (!Array.isArray(properties)) throw new BadReconciliationRequest('properties must be a list of {"pid", "v"}');
  const known = PROPERTIES.filter((property) => property.constraint && property.types.includes(type));
  for (const property of properties as { pid?: unknown }[]) {
    const pid = property && typeof property === 'object' ? property.pid : undefined;
    if (typeof pid !== 'string') throw new BadReconciliationRequest('each property must be {"pid": "…", "v": …}');
    if (known.some((candidate) => candidate.id === pid)) continue;
    const elsewhere = PROPERTIES.find((candidate) => candidate.id === pid && candidate.constraint);
    throw new BadReconciliationRequest(
      `${elsewhere ? `${pid} constrains ${elsewhere.types.join(' and ')} queries, not ${type}` : `unknown property ${pid}`}: a ${type} query takes ${known.map((candidate) => candidate.id).join(', ')}`,
    );
  }
}

function uuidOf(id: string, type: TypeId): string | null {
  const match = new RegExp(
    `^(?:.*/)?(?:${PATHS[type]}/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`,
    'i',
  ).exec(id.trim());
  return match ? (match[1] as string).toLowerCase() : null;
}

/** The words a name search asks the gateway for: whole words, and prefixes of long ones to reach past typos. */
function searchTerms(normalised: string): string[] {
  const words = normalised.split(' ').filter((word) => word.length >= 3);
  const terms = new Set<string>();
  for (const word of [...words].sort((a, b) => b.length - a.length).slice(0, 4)) {
    terms.add(word);
    if (word.length >= 6) {
      terms.add(word.slice(0, 4));
      terms.add(word.slice(-4));
    }
  }
  if (terms.size === 0 && normalised) terms.add(normalised);
  return [...terms];
}

/**
 * Adjacent pairs of words, in both orders: among thousands of names that share words ("University Hospital", a
 * city), a pair is what picks out the few that can be meant, where a single word's first page of hits may not hold
 * them at all. Both orders, so "Köln Universitätsklinikum" still finds "Universitätsklinikum Köln".
 */
function searchPairs(normalised: string): string[] {
  const words = normalised.split(' ').filter(Boolean).slice(0, 6);
  const pairs = new Set<string>();
  for (let index = 0; index + 1 < words.length; index += 1) {
    pairs.add(`${words[index]} ${words[index + 1]}`);
    pairs.add(`${words[index + 1]} ${words[index]}`);
  }
  return [...pairs];
}

/** A candidate this close to the name asked for ends the search: single words would only add noise. */
const CLOSE_ENOUGH = 0.8;

/** The names a record is known by, normalised: its name or title, then its acronym. */
const namesOf = (record: RecordJson) =>
  [record.name, record.title, record.acronym].filter(Boolean).map((entry) => normaliseName(String(entry)));

export class Reconciler {
  constructor(
    private readonly records: GatewayRecords,
    private readonly requestId?: string,
  ) {}

  private query<T>(query: string, variables: Record<string, unknown> = {}) {
    return this.records.query<T>(query, variables, this.requestId);
  }

  private async search(type: TypeId, terms: string[], filter: Record<string, unknown>): Promise<RecordJson[]> {
    if (terms.length === 0) return [];
    const field = { Organisation: 'organisations', Practice: 'practices', Project: 'projects' }[type];
    const shared = Object.keys(filter).map((key) => `${key}: $${key}`);
    const aliases = terms.map(
      (_term, index) =>
        `t${index}: ${field}(first: 50, filter: { ${[...shared, `text: $t${index}`].join(', ')} }) { nodes { ${SELECTIONS[type]} } }`,
    );
    const declarations = [
      ...terms.map((_term, index) => `$t${index}: String`),
      ...Object.keys(filter).map((key) => `$${key}: ${filterVariableTypes[key]}`),
    ];
    const variables: Record<string, unknown> = { ...filter };
    terms.forEach((term, index) => {
      variables[`t${index}`] = term;
    });
    const data = await this.query<Record<string, { nodes: RecordJson[] }>>(
      `query Reconcile(${declarations.join(', ')}) { ${aliases.join(' ')} }`,
      variables,
    );
    const byId = new Map<string, RecordJson>();
    for (const page of Object.values(data)) for (const node of page.nodes) byId.set(node.id, node);
    return [...byId.values()];
  }

  private async organisationByIdentifier(scheme: IdentifierSchemeCode, value: string): Promise<RecordJson | null> {
    const { found } = await this.query<{ found: RecordJson | null }>(
      `query($scheme: IdentifierScheme!, $value: String!) { found: organisationByIdentifier(scheme: $scheme, value: $value) { ${SELECTIONS.Organisation} } }`,
      { scheme, value },
    );
    return found;
  }

  private async projectByIdentifier(scheme: 'CORDIS' | 'GRANT', value: string): Promise<RecordJson | null> {
    const { found } = await this.query<{ found: RecordJson | null }>(
      `query($scheme: ProjectIdentifierScheme!, $value: String!) { found: projectByIdentifier(scheme: $scheme, value: $value) { ${SELECTIONS.Project} } }`,
      { scheme, value },
    );
    return found;
  }

  /** Records an identifier in the query (a property or the query text itself) names: these decide a match. */
  private async identified(type: TypeId, query: ReconciliationQuery): Promise<RecordJson[]> {
    const found: (RecordJson | null)[] = [];
    if (type === 'Organisation') {
      const schemes: [string, IdentifierSchemeCode | null][] = [
        ['ror', 'ROR'],
        ['wikidata', 'WIKIDATA'],
        ['pic', 'PIC'],
        ['vat', 'VAT'],
        ['identifier', null],
      ];
      const asked: { scheme: IdentifierSchemeCode; value: string }[] = [];
      for (const [pid, scheme] of schemes) {
        for (const value of propertyValues(query, pid)) {
          const guessed = scheme ? normaliseIdentifier(scheme, value) : null;
          if (guessed?.ok && scheme) asked.push({ scheme, value: guessed.value });
          else if (!scheme) {
            const any = guessIdentifierScheme(value);
            if (any) asked.push(any);
          }
        }
      }
      const fromText = query.query ? guessIdentifierScheme(query.query) : null;
      if (fromText && (fromText.scheme === 'ROR' || fromText.scheme === 'WIKIDATA')) asked.push(fromText);
      for (const { scheme, value } of asked) found.push(await this.organisationByIdentifier(scheme, value));
    }
    if (type === 'Project') {
      for (const value of propertyValues(query, 'cordis')) {
        const normalised = normaliseIdentifier('CORDIS', value);
        if (normalised.ok) found.push(await this.projectByIdentifier('CORDIS', normalised.value));
      }
      for (const value of propertyValues(query, 'grant')) {
        const normalised = normaliseIdentifier('GRANT', value);
        if (normalised.ok) found.push(await this.projectByIdentifier('GRANT', normalised.value));
      }
    }
    return found.filter((record): record is RecordJson => record !== null);
  }

  async reconcile(query: ReconciliationQuery): Promise<Candidate[]> {
    const type = (query.type && TYPES.find((entry) => entry.id === query.type)?.id) || 'Organisation';
    if (query.type && !TYPES.some((entry) => entry.id === query.type)) {
      throw new BadReconciliationRequest(
        `unknown type ${query.type}; this service knows ${TYPES.map((t) => t.id).join(', ')}`,
      );
    }
    checkConstraints(type, query.properties);
    const limit = Math.min(Math.max(Number(query.limit) || 3, 1), 25);
    const text = typeof query.query === 'string' ? query.query : '';
    const normalised = normaliseName(text);
    const countries = propertyValues(query, 'country').map((country) => country.toUpperCase());
    const programmes = propertyValues(query, 'programme').map((programme) => programme.toUpperCase());
    const acronyms = propertyValues(query, 'acronym').map(normaliseName);
    const owners = propertyValues(query, 'owner');

    const identified = await this.identified(type, query);
    const filter: Record<string, unknown> = {};
    if (countries.length && type !== 'Project') filter.countries = countries;
    if (programmes.length && type === 'Project') filter.programmes = programmes;
    // Pairs of words first; single words, and parts of long ones to reach past typos, only when no pair found a
    // close name.
    const found = await this.search(type, [...searchPairs(normalised), ...acronyms], filter);
    const close = found.some((record) =>
      namesOf(record).some((name) => nameSimilarity(normalised, name) >= CLOSE_ENOUGH),
    );
    if (!close) {
      const terms = searchTerms(normalised).filter((term) => !acronyms.includes(term));
      found.push(...(await this.search(type, terms, filter)));
    }

    const candidates = new Map<string, Candidate & { exact: boolean }>();
    const identifiedIds = new Set(identified.map((record) => record.id));
    for (const record of [...identified, ...found]) {
      if (candidates.has(record.id)) continue;
      const name = String(type === 'Organisation' ? record.name : type === 'Project' ? record.acronym : record.title);
      const names = namesOf(record);
      const exact = normalised !== '' && names.slice(0, names.length - (record.acronym ? 1 : 0)).includes(normalised);
      // A constraint the record contradicts lowers its score and keeps an exact name from deciding.
      let contradicted = false;
      let score = Math.max(0, ...names.map((entry) => nameSimilarity(normalised, entry))) * 100;
      if (record.acronym && normaliseName(record.acronym) === normalised) score = Math.max(score, 90);
      if (acronyms.length && record.acronym) {
        const agrees = acronyms.includes(normaliseName(record.acronym));
        contradicted ||= !agrees;
        score += agrees ? 10 : -20;
      }
      if (countries.length && type === 'Organisation') {
        const agrees = countries.includes(record.country);
        contradicted ||= !agrees;
        score += agrees ? 5 : -30;
      }
      if (owners.length && type === 'Practice') {
        const owner = record.owner as RecordJson | undefined;
        const named = owners.some(
          (value) =>
            uuidOf(value, 'Organisation') === owner?.id || normaliseName(value) === normaliseName(owner?.name ?? ''),
        );
        contradicted ||= !named;
        score += named ? 10 : -30;
      }
      const decided = identifiedIds.has(record.id);
      if (decided) score = 100;
      candidates.set(record.id, {
        id: `${PATHS[type]}/${record.id}`,
        name,
        description: describe(type, record),
        type: [{ id: type, name: type }],
        score: Math.round(Math.max(0, Math.min(100, score)) * 10) / 10,
        match: decided,
        exact: exact && !decided && !contradicted,
      });
    }
    const ranked = [...candidates.values()].filter((candidate) => candidate.score > 20 || candidate.match);
    ranked.sort((a, b) => Number(b.match) - Number(a.match) || b.score - a.score || a.name.localeCompare(b.name));
    // An exact normalised name decides only when one record has it and no identifier named another.
    const exact = ranked.filter((candidate) => candidate.exact);
    const decidedByIdentifier = ranked.some((candidate) => candidate.match);
    if (!decidedByIdentifier && exact.length === 1 && exact[0]) {
      exact[0].match = true;
      exact[0].score = 100;
      ranked.sort((a, b) => Number(b.match) - Number(a.match) || b.score - a.score);
    }
    return ranked.slice(0, limit).map(({ exact: _exact, ...candidate }) => candidate);
  }

  async fetch(ids: string[]): Promise<Map<string, { type: TypeId; record: RecordJson }>> {
    const parts: string[] = [];
    const wanted: { alias: string; id: string; type: TypeId }[] = [];
    ids.forEach((id, index) => {
      const type = (Object.keys(PATHS) as TypeId[]).find((candidate) => id.startsWith(`${PATHS[candidate]}/`));
      const uuid = type && uuidOf(id, type);
      if (!type || !uuid) return;
      const field = { Organisation: 'organisation', Practice: 'practice', Project: 'project' }[type];
      parts.push(`r${index}: ${field}(id: "${uuid}") { ${SELECTIONS[type]} }`);
      wanted.push({ alias: `r${index}`, id, type });
    });
    const result = new Map<string, { type: TypeId; record: RecordJson }>();
    if (parts.length === 0) return result;
    const data = await this.query<Record<string, RecordJson | null>>(`{ ${parts.join(' ')} }`);
    for (const { alias, id, type } of wanted) {
      const record = data[alias];
      if (record) result.set(id, { type, record });
    }
    return result;
  }

  async suggestEntities(
    prefix: string,
    type: string | undefined,
  ): Promise<{ id: string; name: string; description?: string }[]> {
    const types = type ? TYPES.filter((entry) => entry.id === type).map((entry) => entry.id) : TYPES.map((t) => t.id);
    const normalised = normaliseName(prefix);
    if (!normalised) return [];
    const results = await Promise.all(
      types.map(async (entry) =>
        (await this.search(entry, [normalised], {})).map((record) => ({
          id: `${PATHS[entry]}/${record.id}`,
          name: String(record.name ?? (entry === 'Project' ? record.acronym : record.title)),
          description: describe(entry, record),
          notable: [{ id: entry, name: entry }],
          score: nameSimilarity(normalised, normaliseName(String(record.name ?? record.title ?? record.acronym))),
        })),
      ),
    );
    return results
      .flat()
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
      .map(({ score: _score, ...entry }) => entry);
  }
}

const filterVariableTypes: Record<string, string> = { countries: '[String!]', programmes: '[Programme!]' };

function describe(type: TypeId, record: RecordJson): string {
  if (type === 'Organisation')
    return [record.acronym, record.kind, record.city, record.country].filter(Boolean).join(', ');
  if (type === 'Project') return [record.title, record.programme].filter(Boolean).join(', ');
  return [record.type, record.owner?.name, (record.countries ?? []).join(' ')].filter(Boolean).join(', ');
}

function previewHtml(type: TypeId, record: RecordJson, view: string): string {
  const title = String(type === 'Organisation' ? record.name : record.title);
  const rows = PROPERTIES.filter((property) => property.types.includes(type) && property.extend)
    .map((property) => [
      property.name,
      (property.extend?.(record) ?? [])
        .map((value) => ('name' in value ? value.name : Object.values(value)[0]))
        .join(', '),
    ])
    .filter(([, value]) => value)
    .map(([name, value]) => `<tr><th>${escapeHtml(String(name))}</th><td>${escapeHtml(String(value))}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="margin:0;font:13px sans-serif"><p><a href="${escapeHtml(view)}" target="_blank"><strong>${escapeHtml(title)}</strong></a> <small>${escapeHtml(type)}</small></p><table>${rows}</table></body></html>`;
}

/** A JSON answer, or JSONP when `callback` names a function (version 0.2 still allows it). */
function answer(req: Request, res: Response, body: unknown) {
  const callback = typeof req.query.callback === 'string' ? req.query.callback : undefined;
  if (callback && /^[A-Za-z_$][\w$.]{0,63}$/.test(callback)) {
    return void res.type('application/javascript').send(`${callback}(${JSON.stringify(body)});`);
  }
  res.type('application/json').send(JSON.stringify(body));
}

function parameter(req: Request, name: string): string | undefined {
  const fromBody = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)[name] : undefined;
  const value = fromBody ?? req.query[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadReconciliationRequest(`${name} is not JSON: ${(error as Error).message}`);
  }
}

export function reconcileRoutes(app: Express, options: { base: string; records: GatewayRecords }) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '2mb' }), express.json({ limit: '2mb' }));

  const serviceUrl = (req: Request) => `${req.protocol}://${req.get('host')}/reconcile`;

  const manifest = (req: Request) => ({
    versions: [RECONCILIATION_VERSION],
    name: 'RADAR digital-health practices registry',
    identifierSpace: `${options.base}/`,
    schemaSpace: 'https://w3id.org/radar/ontology#',
    defaultTypes: TYPES.map(({ id, name }) => ({ id, name })),
    view: { url: `${options.base}/{{id}}` },
    preview: { url: `${serviceUrl(req)}/preview?id={{id}}`, width: 400, height: 120 },
    suggest: {
      entity: { service_url: serviceUrl(req), service_path: '/suggest/entity' },
      type: { service_url: serviceUrl(req), service_path: '/suggest/type' },
      property: { service_url: serviceUrl(req), service_path: '/suggest/property' },
    },
    extend: {
      propose_properties: { service_url: serviceUrl(req), service_path: '/extend/propose' },
      property_settings: [],
    },
  });

  const handle =
    (work: (req: Request, res: Response, reconciler: Reconciler) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        await work(req, res, new Reconciler(options.records, res.getHeader(REQUEST_ID_HEADER) as string | undefined));
      } catch (error) {
        if (error instanceof BadReconciliationRequest || error instanceof BadHarvestRequest)
          return problem(res, 400, error.message);
        if (error instanceof GatewayUnavailable)
          return problem(res, 503, 'The registry is not available right now; try again later.');
        throw error;
      }
    };

  const service = handle(async (req, res, reconciler) => {
    const queries = parameter(req, 'queries');
    const extend = parameter(req, 'extend');
    if (queries !== undefined) {
      const batch = parseJson(queries, 'queries');
      if (!batch || typeof batch !== 'object' || Array.isArray(batch))
        throw new BadReconciliationRequest('queries must be a JSON object of named queries');
      const entries = Object.entries(batch as Record<string, ReconciliationQuery>);
      if (entries.length > 100) throw new BadReconciliationRequest('at most 100 queries in one batch');
      const results: Record<string, { result: Candidate[] }> = {};
      for (const [key, query] of entries) {
        if (!query || typeof query !== 'object' || (query.query !== undefined && typeof query.query !== 'string'))
          throw new BadReconciliationRequest(`query ${key} must be an object with a string "query"`);
        results[key] = { result: await reconciler.reconcile(query) };
      }
      return answer(req, res, results);
    }
    if (extend !== undefined) {
      const request = parseJson(extend, 'extend') as { ids?: unknown; properties?: unknown };
      if (!Array.isArray(request?.ids) || !Array.isArray(request?.properties))
        throw new BadReconciliationRequest('extend must be {"ids": [...], "properties": [{"id": ...}]}');
      const ids = request.ids.map(String);
      const wanted = (request.properties as { id?: unknown }[]).map((property) => String(property?.id));
      const unknown = wanted.filter((id) => !PROPERTIES.some((property) => property.id === id && property.extend));
      if (unknown.length) throw new BadReconciliationRequest(`unknown properties: ${unknown.join(', ')}`);
      const found = await reconciler.fetch(ids);
      const rows: Record<string, Record<string, Value[]>> = {};
      for (const id of ids) {
        const entry = found.get(id);
        rows[id] = Object.fromEntries(
          wanted.map((pid) => {
            const property = PROPERTIES.find((candidate) => candidate.id === pid);
            return [pid, entry && property?.types.includes(entry.type) ? (property.extend?.(entry.record) ?? []) : []];
          }),
        );
      }
      const meta = wanted.map((pid) => {
        const property = PROPERTIES.find((candidate) => candidate.id === pid) as Property;
        const entity = ['memberOf', 'owner', 'coordinator'].includes(pid);
        return {
          id: pid,
          name: property.name,
          ...(entity ? { type: { id: 'Organisation', name: 'Organisation' } } : {}),
        };
      });
      return answer(req, res, { meta, rows });
    }
    answer(req, res, manifest(req));
  });
  router.get('/', service);
  router.post('/', service);

  router.get(
    '/preview',
    handle(async (req, res, reconciler) => {
      const id = typeof req.query.id === 'string' ? req.query.id : '';
      const entry = (await reconciler.fetch([id])).get(id);
      if (!entry) return problem(res, 404, `No RADAR record has id ${id}`);
      res.type('text/html; charset=utf-8').send(previewHtml(entry.type, entry.record, `${options.base}/${id}`));
    }),
  );

  router.get(
    '/suggest/entity',
    handle(async (req, res, reconciler) => {
      const prefix = typeof req.query.prefix === 'string' ? req.query.prefix : '';
      const type = typeof req.query.type === 'string' ? req.query.type : undefined;
      answer(req, res, { result: await reconciler.suggestEntities(prefix, type) });
    }),
  );

  router.get('/suggest/type', (req, res) => {
    const prefix = normaliseName(typeof req.query.prefix === 'string' ? req.query.prefix : '');
    answer(req, res, { result: TYPES.filter((type) => normaliseName(type.name).startsWith(prefix)) });
  });

  router.get('/suggest/property', (req, res) => {
    const prefix = normaliseName(typeof req.query.prefix === 'string' ? req.query.prefix : '');
    const type = typeof req.query.type === 'string' ? req.query.type : undefined;
    const result = PROPERTIES.filter(
      (property) =>
        (!type || property.types.includes(type as TypeId)) &&
        (normaliseName(property.name).startsWith(prefix) || property.id.toLowerCase().startsWith(prefix)),
    ).map(({ id, name }) => ({ id, name, description: `Of ${PROPERTIES.find((p) => p.id === id)?.types.join(', ')}` }));
    answer(req, res, { result });
  });

  router.get('/extend/propose', (req, res) => {
    const type = typeof req.query.type === 'string' ? req.query.type : '';
    if (!TYPES.some((entry) => entry.id === type)) {
      return problem(res, 400, `type must be one of ${TYPES.map((entry) => entry.id).join(', ')}`);
    }
    const limit = Number(req.query.limit) || undefined;
    const properties = PROPERTIES.filter((property) => property.extend && property.types.includes(type as TypeId))
      .slice(0, limit)
      .map(({ id, name }) => ({ id, name }));
    answer(req, res, { type, properties, ...(limit ? { limit } : {}) });
  });

  // A body the parsers refuse (malformed JSON, too large) is the caller's mistake, answered with its status.
  router.use((error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.status && error.status < 500)
      return problem(res, error.status, `The request body was refused: ${error.message}`);
    next(error);
  });
  app.use('/reconcile', router);
}
