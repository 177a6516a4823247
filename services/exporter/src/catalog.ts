// The DCAT-AP 3 catalogue describing RADAR: publisher, contact point, licence, the dataset, its distributions (the
// dumps, the harvest collections and the code lists, RADAR's and WHO's apart) and the GraphQL endpoint as a data service.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEXT_LANGUAGE } from '@radar/common';
import { codeListRights, whoCodeLists } from '@radar/practices/codes';
import { schemeSlugs } from './codelists.js';
import { type DumpFormat, dumpFormats, formats } from './formats.js';
import { languageIri } from './links.js';
import type { Json } from './mapping.js';
import { type UptakeInterval, uptakeDataSetIri, uptakeIntervals, uptakeStructureIri } from './uptake.js';
import { qb } from './vocabulary.js';

const eu = (table: string, code: string) => `http://publications.europa.eu/resource/authority/${table}/${code}`;
const iana = (mediaType: string) => `https://www.iana.org/assignments/media-types/${mediaType}`;

/** Inline, so the catalogue needs no context from anywhere. */
export const catalogContext = {
  dcat: 'http://www.w3.org/ns/dcat#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  id: '@id',
  type: '@type',
  title: { '@id': 'dct:title', '@language': 'en' },
  description: { '@id': 'dct:description', '@language': 'en' },
  keyword: { '@id': 'dcat:keyword', '@language': 'en', '@container': '@set' },
  publisher: { '@id': 'dct:publisher', '@type': '@id' },
  contactPoint: { '@id': 'dcat:contactPoint', '@type': '@id' },
  license: { '@id': 'dct:license', '@type': '@id' },
  accessRights: { '@id': 'dct:accessRights', '@type': '@id' },
  language: { '@id': 'dct:language', '@type': '@id', '@container': '@set' },
  theme: { '@id': 'dcat:theme', '@type': '@id', '@container': '@set' },
  themeTaxonomy: { '@id': 'dcat:themeTaxonomy', '@type': '@id', '@container': '@set' },
  rights: { '@id': 'dct:rights', '@type': '@id' },
  label: { '@id': 'rdfs:label', '@language': 'en' },
  spatial: { '@id': 'dct:spatial', '@type': '@id' },
  temporal: 'dct:temporal',
  startDate: { '@id': 'dcat:startDate', '@type': 'xsd:date' },
  endDate: { '@id': 'dcat:endDate', '@type': 'xsd:date' },
  issued: { '@id': 'dct:issued', '@type': 'xsd:dateTime' },
  modified: { '@id': 'dct:modified', '@type': 'xsd:dateTime' },
  landingPage: { '@id': 'dcat:landingPage', '@type': '@id' },
  homepage: { '@id': 'foaf:homepage', '@type': '@id' },
  accrualPeriodicity: { '@id': 'dct:accrualPeriodicity', '@type': '@id' },
  dataset: { '@id': 'dcat:dataset', '@type': '@id', '@container': '@set' },
  service: { '@id': 'dcat:service', '@type': '@id', '@container': '@set' },
  distribution: { '@id': 'dcat:distribution', '@container': '@set' },
  accessURL: { '@id': 'dcat:accessURL', '@type': '@id' },
  downloadURL: { '@id': 'dcat:downloadURL', '@type': '@id' },
  mediaType: { '@id': 'dcat:mediaType', '@type': '@id' },
  format: { '@id': 'dct:format', '@type': '@id' },
  compressFormat: { '@id': 'dcat:compressFormat', '@type': '@id' },
  byteSize: { '@id': 'dcat:byteSize', '@type': 'xsd:nonNegativeInteger' },
  endpointURL: { '@id': 'dcat:endpointURL', '@type': '@id' },
  endpointDescription: { '@id': 'dcat:endpointDescription', '@type': '@id' },
  servesDataset: { '@id': 'dcat:servesDataset', '@type': '@id', '@container': '@set' },
  conformsTo: { '@id': 'dct:conformsTo', '@type': '@id' },
  name: { '@id': 'foaf:name', '@language': 'en' },
  fn: 'vcard:fn',
  hasEmail: { '@id': 'vcard:hasEmail', '@type': '@id' },
  publisherType: { '@id': 'dct:type', '@type': '@id' },
  availability: { '@id': 'http://data.europa.eu/r5r/availability', '@type': '@id' },
  prefLabel: { '@id': 'skos:prefLabel', '@language': 'en' },
};

/**
 * DCAT-AP gives every controlled value a class; stating them lets range checks pass without fetching the tables.
 * The official shapes also want a skos:prefLabel on every skos:Concept, so concepts carry their English label.
 */
function typedValues(values: [id: string, type: string, label?: string][]) {
  const seen = new Set<string>();
  return values.flatMap(([id, type, label]) => {
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ id, type, ...(label ? { prefLabel: label } : {}) }];
  });
}

export interface DumpFile {
  name: string;
  format: DumpFormat;
  gzip: boolean;
  bytes: number;
  modified: Date;
}

/** The file name of a dump in a format. */
export const dumpName = (format: DumpFormat, gzip: boolean) =>
  `radar.${dumpFormats[format].extension}${gzip ? '.gz' : ''}`;

/** The file name of the uptake Data Cube of an interval in a format. */
export const uptakeDumpName = (interval: UptakeInterval, format: DumpFormat, gzip: boolean) =>
  `radar-uptake-${interval.toLowerCase()}.${dumpFormats[format].extension}${gzip ? '.gz' : ''}`;

export interface UptakeDumpFile extends DumpFile {
  interval: UptakeInterval;
}

function filesIn(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

/** Every name a dump may have, in each format, plain and gzipped, as the file it is when present. */
function presentDumps<T extends object>(dir: string, named: (format: DumpFormat, gzip: boolean) => [string, T][]) {
  const names = filesIn(dir);
  return (Object.keys(dumpFormats) as DumpFormat[]).flatMap((format) =>
    [false, true].flatMap((gzip) =>
      named(format, gzip).flatMap(([name, extra]) => {
        if (!names.has(name)) return [];
        const stat = statSync(join(dir, name));
        return [{ name, format, gzip, bytes: stat.size, modified: stat.mtime, ...extra }];
      }),
    ),
  );
}

/**
 * The complete dumps present in `dir` (a dump in progress has another name). A dump's modification time is set to
 * when the registry last changed before it was read, so it is the dct:modified of the data it holds.
 */
export function listDumps(dir: string): DumpFile[] {
  return presentDumps(dir, (format, gzip) => [[dumpName(format, gzip), {}]]);
}

/** The uptake Data Cube files present in `dir`, written beside the dumps. */
export function listUptakeDumps(dir: string): UptakeDumpFile[] {
  return presentDumps(dir, (format, gzip) =>
    Object.values(uptakeIntervals).map((interval): [string, { interval: UptakeInterval }] => [
      uptakeDumpName(interval, format, gzip),
      { interval },
    ]),
  );
}

export function catalogDocument(options: {
  base: string;
  graphqlUrl: string;
  publisherName: string;
  contactEmail: string;
  dumps: DumpFile[];
  /** The uptake Data Cube files beside the dumps. */
  uptakeDumps?: UptakeDumpFile[];
  coverage: { start: string | null; end: string };
  /** ISO 639-1 codes of the languages the records' texts are in. */
  languages: string[];
  modified: Date;
}): Json {
  const { base } = options;
  const catalog = `${base}/catalog`;
  const dataset = `${catalog}#dataset`;
  const publisher = `${catalog}#publisher`;
  const contact = `${catalog}#contact`;
  const license = eu('licence', 'CC_BY_4_0');
  const publicAccess = eu('access-right', 'PUBLIC');
  const nonProfit = 'http://purl.org/adms/publishertype/NonProfitOrganisation';
  const landingPage = `${base}/practices`;
  const rights = `${catalog}#rights`;
  const themes = eu('data-theme', '').slice(0, -1);
  const modified = options.modified.toISOString();
  // The catalogue describes itself in English; the dataset holds texts in every language they were given in.
  const english = languageIri(DEFAULT_TEXT_LANGUAGE);
  const datasetLanguages = [...new Set([english, ...options.languages.map(languageIri)])];
  const issued = options.coverage.start ? `${options.coverage.start}T00:00:00.000Z` : modified;
  const dumpDistributions = options.dumps.map((dump) => ({
    id: `${catalog}#dump-${dump.name}`,
    type: 'dcat:Distribution',
    title: `Full dump (${dumpFormats[dump.format].mediaType}${dump.gzip ? ', gzip' : ''})`,
    description:
      'Every published practice, organisation and project in one file, rebuilt soon after the registry changes.',
    accessURL: `${base}/dumps/${dump.name}`,
    downloadURL: `${base}/dumps/${dump.name}`,
    mediaType: iana(dumpFormats[dump.format].mediaType),
    format: eu('file-type', dumpFormats[dump.format].fileType),
    ...(dump.gzip ? { compressFormat: iana('application/gzip') } : {}),
    byteSize: dump.bytes,
    availability: eu('planned-availability', 'STABLE'),
    license,
    rights,
    accessRights: publicAccess,
    issued: dump.modified.toISOString(),
    modified: dump.modified.toISOString(),
  }));
  const collections = (['practices', 'organisations', 'projects', 'needs'] as const).map((path) => ({
    id: `${catalog}#collection-${path}`,
    type: 'dcat:Distribution',
    title: `Harvestable ${path} (Hydra pages)`,
    description: `Every published ${path.slice(0, -1)} and the tombstones of deleted ones, a page at a time; ?modifiedSince= for incremental harvests.`,
    accessURL: `${base}/${path}`,
    mediaType: iana(formats.jsonld.mediaType),
    format: eu('file-type', formats.jsonld.fileType),
    availability: eu('planned-availability', 'STABLE'),
    license,
    rights,
    accessRights: publicAccess,
    issued,
    modified,
  }));
  const whoSchemes = whoCodeLists.map((name) => `${base}/code/${schemeSlugs[name]}`);
  const codeLists = {
    id: `${catalog}#code-lists`,
    type: 'dcat:Distribution',
    title: 'Code lists (SKOS)',
    description: `Every RADAR code list as a SKOS concept scheme: labels, definitions, the CDHI hierarchy (skos:broader) and the mappings to WHO\u2019s CDHI (skos:exactMatch, skos:closeMatch). Each dump includes them too. RADAR\u2019s own lists are CC BY 4.0; the file also holds the three lists adapted from WHO\u2019s classification (${whoSchemes.join(', ')}), which stay under WHO\u2019s licence: see the distribution ${catalog}#who-code-lists. Each scheme states its own licence (dct:license, dct:rights).`,
    accessURL: `${base}/code`,
    downloadURL: `${base}/ontology/codelists.ttl`,
    mediaType: iana(formats.turtle.mediaType),
    format: eu('file-type', formats.turtle.fileType),
    conformsTo: 'http://www.w3.org/2004/02/skos/core',
    availability: eu('planned-availability', 'STABLE'),
    license,
    rights,
    accessRights: publicAccess,
    issued,
    modified,
  };
  const who = codeListRights(whoCodeLists[0]);
  const whoRights = `${catalog}#who-rights`;
  const whoCodeListsDistribution = {
    id: `${catalog}#who-code-lists`,
    type: 'dcat:Distribution',
    title: 'WHO classification code lists (SKOS)',
    description:
      'The three code lists adapted from WHO\u2019s Classification of digital interventions, services and applications in health (CDISAH, 2nd ed., 2023) as SKOS concept schemes: digital health interventions (cdhi), health system challenges and service and application types. WHO\u2019s machine-readable files give labels only, so the interventions and challenges carry no definitions.',
    accessURL: whoSchemes,
    mediaType: iana(formats.turtle.mediaType),
    format: eu('file-type', formats.turtle.fileType),
    conformsTo: 'http://www.w3.org/2004/02/skos/core',
    availability: eu('planned-availability', 'STABLE'),
    license: who.license,
    rights: whoRights,
    accessRights: publicAccess,
    issued,
    modified,
  };
  const distributions = [...dumpDistributions, ...collections, codeLists, whoCodeListsDistribution];
  const uptake = `${catalog}#uptake`;
  const dataCube = qb.$.slice(0, -1);
  const uptakeDistributions = Object.entries(uptakeIntervals).map(([path, interval]) => ({
    id: `${catalog}#uptake-${path}`,
    type: 'dcat:Distribution',
    title: `Uptake per ${path} (W3C Data Cube)`,
    description: `A qb:DataSet of ${path}ly observations per country and NUTS region: adoptions started, active and ended, practices available and adopted. Structure: ${uptakeStructureIri(base)}.`,
    accessURL: uptakeDataSetIri(base, interval),
    mediaType: iana(formats.jsonld.mediaType),
    format: eu('file-type', formats.jsonld.fileType),
    conformsTo: dataCube,
    availability: eu('planned-availability', 'STABLE'),
    license,
    rights,
    accessRights: publicAccess,
    issued,
    modified,
  }));
  const uptakeFiles = (options.uptakeDumps ?? []).map((dump) => ({
    id: `${catalog}#dump-${dump.name}`,
    type: 'dcat:Distribution',
    title: `Uptake per ${dump.interval.toLowerCase()} (W3C Data Cube file, ${dumpFormats[dump.format].mediaType}${dump.gzip ? ', gzip' : ''})`,
    description: `The data set ${uptakeDataSetIri(base, dump.interval)} in one file, written with the full dumps. Structure: ${uptakeStructureIri(base)}.`,
    accessURL: `${base}/dumps/${dump.name}`,
    downloadURL: `${base}/dumps/${dump.name}`,
    mediaType: iana(dumpFormats[dump.format].mediaType),
    format: eu('file-type', dumpFormats[dump.format].fileType),
    ...(dump.gzip ? { compressFormat: iana('application/gzip') } : {}),
    byteSize: dump.bytes,
    conformsTo: dataCube,
    availability: eu('planned-availability', 'STABLE'),
    license,
    rights,
    accessRights: publicAccess,
    issued: dump.modified.toISOString(),
    modified: dump.modified.toISOString(),
  }));
  const values = typedValues([
    [base, 'foaf:Document'],
    [landingPage, 'foaf:Document'],
    [`${base}/statistics/uptake`, 'foaf:Document'],
    [nonProfit, 'skos:Concept', 'Non-Profit Organisation'],
    [license, 'dct:LicenseDocument'],
    [who.license, 'dct:LicenseDocument'],
    [publicAccess, 'dct:RightsStatement'],
    ...datasetLanguages.map((language): [string, string] => [language, 'dct:LinguisticSystem']),
    [eu('continent', 'EUROPE'), 'dct:Location'],
    [eu('frequency', 'CONT'), 'dct:Frequency'],
    [eu('data-theme', 'HEAL'), 'skos:Concept', 'Health'],
    [eu('data-theme', 'TECH'), 'skos:Concept', 'Science and technology'],
    [eu('planned-availability', 'STABLE'), 'skos:Concept', 'stable'],
    ['https://w3id.org/radar/ontology', 'dct:Standard'],
    ['http://www.w3.org/2004/02/skos/core', 'dct:Standard'],
    [dataCube, 'dct:Standard'],
    ...[...distributions, ...uptakeDistributions, ...uptakeFiles].flatMap((distribution): [string, string][] => [
      [distribution.format, 'dct:MediaTypeOrExtent'],
      [distribution.mediaType, 'dct:MediaType'],
      ...('compressFormat' in distribution && distribution.compressFormat
        ? [[distribution.compressFormat, 'dct:MediaType'] as [string, string]]
        : []),
    ]),
  ]);
  return {
    '@context': catalogContext,
    '@graph': [
      {
        id: catalog,
        type: 'dcat:Catalog',
        title: 'RADAR — registry of digital health practices in Europe',
        description:
          'Digital health practices (apps, platforms, policies, strategies, assessment frameworks, models) registered for reuse, the organisations behind them, the projects and twinnings that produce and transfer them, and where they are adopted.',
        publisher,
        contactPoint: contact,
        license,
        language: [english],
        homepage: base,
        issued,
        modified,
        dataset: [dataset, uptake],
        service: [`${catalog}#graphql`],
        themeTaxonomy: [themes],
        spatial: eu('continent', 'EUROPE'),
      },
      { id: themes, type: 'skos:ConceptScheme', title: 'Data theme' },
      {
        id: rights,
        type: 'dct:RightsStatement',
        label: `The metadata and the data are published under CC BY 4.0: reuse them freely, naming RADAR and linking to the record. The code lists adapted from WHO\u2019s classification that the dumps and the code lists carry (${whoSchemes.join(', ')}) are not RADAR\u2019s: they stay under WHO\u2019s licence, CC BY-NC-SA 3.0 IGO (${catalog}#who-rights).`,
      },
      { id: whoRights, type: 'dct:RightsStatement', label: who.attribution },
      {
        id: publisher,
        type: 'foaf:Agent',
        name: options.publisherName,
        publisherType: nonProfit,
      },
      {
        id: contact,
        type: ['vcard:Organization', 'vcard:Kind'],
        fn: options.publisherName,
        hasEmail: `mailto:${options.contactEmail}`,
      },
      {
        id: dataset,
        type: 'dcat:Dataset',
        title: 'Digital health practices, organisations and projects in Europe',
        description:
          'The published records of RADAR as linked data aligned to the RADAR ontology (DCAT, Dublin Core, ADMS, W3C ORG, PROV-O, schema.org, SKOS), with their adoptions by country and NUTS region.',
        keyword: [
          'digital health',
          'eHealth',
          'health innovation',
          'good practice',
          'uptake',
          'twinning',
          'interoperability',
        ],
        theme: [eu('data-theme', 'HEAL'), eu('data-theme', 'TECH')],
        spatial: eu('continent', 'EUROPE'),
        temporal: {
          type: 'dct:PeriodOfTime',
          ...(options.coverage.start ? { startDate: options.coverage.start } : {}),
          endDate: options.coverage.end,
        },
        publisher,
        contactPoint: contact,
        license,
        accessRights: publicAccess,
        accrualPeriodicity: eu('frequency', 'CONT'),
        language: datasetLanguages,
        landingPage,
        conformsTo: 'https://w3id.org/radar/ontology',
        issued,
        modified,
        distribution: distributions,
      },
      {
        id: uptake,
        type: 'dcat:Dataset',
        title: 'Uptake of digital health practices in Europe over time',
        description:
          'Statistics derived from the adoptions of the published practices: per year, quarter or month and per country and NUTS region (NUTS 1, 2 and 3, each counting the regions within it), the adoptions started, active and ended and the practices available and adopted, as W3C Data Cube observations.',
        keyword: ['digital health', 'uptake', 'adoption', 'statistics', 'NUTS'],
        theme: [eu('data-theme', 'HEAL'), eu('data-theme', 'TECH')],
        spatial: eu('continent', 'EUROPE'),
        temporal: {
          type: 'dct:PeriodOfTime',
          ...(options.coverage.start ? { startDate: options.coverage.start } : {}),
          endDate: options.coverage.end,
        },
        publisher,
        contactPoint: contact,
        license,
        accessRights: publicAccess,
        accrualPeriodicity: eu('frequency', 'CONT'),
        language: [eu('language', 'ENG')],
        landingPage: `${base}/statistics/uptake`,
        conformsTo: dataCube,
        issued,
        modified,
        distribution: [...uptakeDistributions, ...uptakeFiles],
      },
      {
        id: `${catalog}#graphql`,
        type: 'dcat:DataService',
        title: 'RADAR GraphQL API',
        description: 'One GraphQL endpoint over the practices, organisations and projects subgraphs; reads are public.',
        endpointURL: options.graphqlUrl,
        servesDataset: [dataset, uptake],
        license,
        accessRights: publicAccess,
        publisher,
        contactPoint: contact,
      },
      ...values,
    ],
  };
}
