// Uptake as statistics: the uptake series as a W3C Data Cube (one qb:Observation per place and period, with its
// qb:DataSet and qb:DataStructureDefinition), per year, quarter or month, read through the gateway's uptakeSeries;
// countries and the regions RADAR has names for are labelled.
import { randomUUID } from 'node:crypto';
import type { RequestWithId } from '@radar/common';
import { countryName } from '@radar/common/geography';
import { REQUEST_ID_HEADER } from '@radar/common/identity';
import type { Express, Response } from 'express';
import { formatQuery, negotiate, parseQuery, problem, represent } from './http.js';
import { countryIri, nutsIri } from './links.js';
import type { Json } from './mapping.js';
import { type GatewayRecords, GatewayUnavailable } from './records.js';
import { dct, periodIri, qb, radar, rdfs, sdmxDimension, skos, xsd } from './vocabulary.js';

export const uptakeIntervals = { year: 'YEAR', quarter: 'QUARTER', month: 'MONTH' } as const;
export type UptakeInterval = (typeof uptakeIntervals)[keyof typeof uptakeIntervals];
const levels = ['COUNTRY', 'NUTS1', 'NUTS2', 'NUTS3'] as const;

export interface UptakeObservation {
  period: string;
  start: string;
  end: string;
  country: string;
  nuts: string | null;
  /** The region's name on region rows (null when RADAR has none). */
  name: string | null;
  started: number;
  active: number;
  ended: number;
  practicesAvailable: number;
  practicesAdopted: number;
}

/** The measures, each an observation's figure: the Data Cube term and the series field it comes from. */
export const uptakeMeasures = [
  { property: radar.adoptionsStarted, field: 'started', label: 'adoptions started' },
  { property: radar.adoptionsActive, field: 'active', label: 'adoptions active' },
  { property: radar.adoptionsEnded, field: 'ended', label: 'adoptions ended' },
  { property: radar.practicesAvailable, field: 'practicesAvailable', label: 'practices available' },
  { property: radar.practicesAdopted, field: 'practicesAdopted', label: 'practices adopted' },
] as const;

/** The published practices' uptake series at every level (countries and NUTS 1, 2 and 3), in one gateway request. */
export async function readUptakeSeries(
  gatewayUrl: string,
  interval: UptakeInterval,
  requestId: string = randomUUID(),
): Promise<UptakeObservation[]> {
  const fields = 'period start end country nuts name started active ended practicesAvailable practicesAdopted';
  const query = `query ExportUptake($interval: RegistrationInterval!) { ${levels
    .map((level) => `${level}: uptakeSeries(interval: $interval, level: ${level}) { ${fields} }`)
    .join(' ')} }`;
  let body: { data?: Record<string, UptakeObservation[]>; errors?: { message: string }[] };
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: requestId },
      body: JSON.stringify({ query, variables: { interval } }),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new GatewayUnavailable(`the gateway at ${gatewayUrl} could not be reached: ${(error as Error).message}`);
  }
  if (body.errors?.length || !body.data) {
    throw new GatewayUnavailable(`the gateway answered with errors: ${body.errors?.map((e) => e.message).join('; ')}`);
  }
  const data = body.data;
  return levels.flatMap((level) => data[level] ?? []);
}

export const uptakeStructureIri = (base: string) => `${base}/statistics/uptake#structure`;
export const uptakeDataSetIri = (base: string, interval: UptakeInterval) =>
  `${base}/statistics/uptake/${interval.toLowerCase()}`;

const context = {
  qb: qb.$,
  radar: radar.$,
  rdfs: rdfs.$,
  dct: dct.$,
  xsd: xsd.$,
  id: '@id',
  type: '@type',
  label: { '@id': rdfs.label, '@language': 'en' },
  // A region's name is in its own country's language, as Eurostat gives it, so it carries no language tag.
  regionName: { '@id': rdfs.label },
  prefLabel: { '@id': skos.prefLabel },
  comment: { '@id': rdfs.comment, '@language': 'en' },
  title: { '@id': dct.title, '@language': 'en' },
  description: { '@id': dct.description, '@language': 'en' },
  modified: { '@id': dct.modified, '@type': xsd.dateTime },
  structure: { '@id': qb.structure, '@type': '@id' },
  component: { '@id': qb.component, '@container': '@set' },
  dimension: { '@id': qb.dimension, '@type': '@id' },
  measure: { '@id': qb.measure, '@type': '@id' },
  order: { '@id': qb.order, '@type': xsd.integer },
  range: { '@id': rdfs.range, '@type': '@id' },
  dataSet: { '@id': qb.dataSet, '@type': '@id' },
  refArea: { '@id': sdmxDimension.refArea, '@type': '@id' },
  refPeriod: { '@id': sdmxDimension.refPeriod, '@type': '@id' },
  ...Object.fromEntries(
    uptakeMeasures.map((measure) => [measure.field, { '@id': measure.property, '@type': xsd.integer }]),
  ),
};

/** The structure every uptake data set shares: two dimensions (where, when) and the five measures. */
function structure(base: string): Json[] {
  return [
    {
      id: uptakeStructureIri(base),
      type: qb.DataStructureDefinition,
      label: 'Uptake of digital health practices per place and period',
      component: [
        { type: qb.ComponentSpecification, dimension: sdmxDimension.refArea, order: 1 },
        { type: qb.ComponentSpecification, dimension: sdmxDimension.refPeriod, order: 2 },
        ...uptakeMeasures.map((measure) => ({ type: qb.ComponentSpecification, measure: measure.property })),
      ],
    },
    {
      id: sdmxDimension.refArea,
      type: qb.DimensionProperty,
      label: 'reference area',
      comment: 'A country (EU country authority table) or a NUTS region (NUTS code IRI) of any level.',
    },
    { id: sdmxDimension.refPeriod, type: qb.DimensionProperty, label: 'reference period' },
    ...uptakeMeasures.map((measure) => ({
      id: measure.property,
      type: qb.MeasureProperty,
      label: measure.label,
      range: xsd.integer,
    })),
  ];
}

const areaIri = (row: Pick<UptakeObservation, 'country' | 'nuts'>) =>
  row.nuts ? nutsIri(row.nuts) : countryIri(row.country);

/** One data set of the uptake cube: the observations of one interval, with the structure they follow. */
export function uptakeCubeDocument(
  base: string,
  interval: UptakeInterval,
  rows: UptakeObservation[],
  modified: Date,
): Json {
  const dataSet = uptakeDataSetIri(base, interval);
  const areas = new Map<string, Json>();
  const observations = rows.flatMap((row) => {
    const area = areaIri(row);
    // A country code the EU authority table does not know has no IRI to stand for it; such rows are left out.
    if (!area) return [];
    if (!row.nuts) areas.set(area, { id: area, label: countryName(row.country) });
    else if (row.name) areas.set(area, { id: area, regionName: row.name, prefLabel: row.name });
    return [
      {
        id: `${dataSet}#${row.nuts ?? row.country}-${row.period}`,
        type: qb.Observation,
        dataSet,
        refArea: area,
        refPeriod: periodIri[interval](row.period),
        ...Object.fromEntries(uptakeMeasures.map((measure) => [measure.field, row[measure.field]])),
      },
    ];
  });
  return {
    '@context': context,
    '@graph': [
      {
        id: dataSet,
        type: qb.DataSet,
        title: `Uptake of digital health practices per ${interval.toLowerCase()}`,
        description:
          'Adoptions started, active and ended, and practices available and adopted, per country and per NUTS region of every level (a NUTS 3 adoption counts in its NUTS 2 and NUTS 1 regions and its country), over the published practices of RADAR.',
        structure: uptakeStructureIri(base),
        modified: modified.toISOString(),
      },
      ...structure(base),
      ...areas.values(),
      ...observations,
    ],
  };
}

/** The structure alone, with the data sets that follow it: what the catalogue's uptake distribution points to. */
export function uptakeStructureDocument(base: string): Json {
  return {
    '@context': context,
    '@graph': [
      ...structure(base),
      ...Object.values(uptakeIntervals).map((interval) => ({
        id: uptakeDataSetIri(base, interval),
        type: qb.DataSet,
        title: `Uptake of digital health practices per ${interval.toLowerCase()}`,
        structure: uptakeStructureIri(base),
      })),
    ],
  };
}

/** Serves the structure at /statistics/uptake and a data set per interval at /statistics/uptake/{year,quarter,month}. */
export function uptakeRoutes(app: Express, options: { base: string; gatewayUrl: string; records: GatewayRecords }) {
  const unavailable = (res: Response, error: unknown) => {
    (res.req as RequestWithId).log.error({ err: error }, 'gateway unavailable');
    problem(res, 503, 'The registry is not available right now; try again later.');
  };

  app.get('/statistics/uptake', async (req, res) => {
    const query = parseQuery(req, res, formatQuery);
    const format = query && negotiate(req, res, query.format);
    if (!format) return;
    await represent(req, res, format, {
      document: uptakeStructureDocument(options.base),
      heading: 'RADAR uptake statistics',
    });
  });

  app.get('/statistics/uptake/:interval', async (req, res) => {
    const interval = uptakeIntervals[req.params.interval as keyof typeof uptakeIntervals];
    if (!interval) {
      return problem(res, 404, `No uptake statistics per ${req.params.interval}`, {
        intervals: Object.keys(uptakeIntervals),
      });
    }
    const query = parseQuery(req, res, formatQuery);
    const format = query && negotiate(req, res, query.format);
    if (!format) return;
    let rows: UptakeObservation[];
    let modified: Date | null;
    try {
      [rows, modified] = await Promise.all([
        readUptakeSeries(options.gatewayUrl, interval, res.getHeader(REQUEST_ID_HEADER) as string),
        options.records.lastModified(),
      ]);
    } catch (error) {
      if (error instanceof GatewayUnavailable) return unavailable(res, error);
      throw error;
    }
    const document = uptakeCubeDocument(options.base, interval, rows, modified ?? new Date());
    await represent(
      req,
      res,
      format,
      { document, heading: `RADAR uptake per ${interval.toLowerCase()}` },
      { modified },
    );
  });
}
