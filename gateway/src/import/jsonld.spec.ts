import { contextIri, mappings, toJsonLd } from '@radar/exporter';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from './columns.js';
import { columnOf } from './columns.js';
import { isRejected, jsonLdRows } from './jsonld.js';

const context = { base: 'https://radar.example.eu' };
const owner = '0b7c1d2e-0000-4000-8000-000000000001';
const practiceId = '1c8d2e3f-0000-4000-8000-000000000001';

const practice = {
  id: practiceId,
  title: 'Telemonitoring at home',
  summary: 'Patients send readings; nurses call back.',
  description: null,
  language: 'en',
  translations: [{ language: 'fr', title: 'Télésurveillance à domicile', summary: null, description: null }],
  type: 'DIGITAL_SERVICE',
  maturity: 'PILOT',
  trl: 6,
  cdhiCodes: ['1.4.1', '2.4.1'],
  topics: [],
  targetGroups: [],
  careSettings: [],
  languages: ['en', 'fr'],
  countries: ['FR'],
  nuts: [],
  landingPage: null,
  licence: null,
  standards: [],
  certification: null,
  evidence: [{ kind: 'PUBLICATION', url: '10.1000/182', title: 'Trial results' }],
  owner: { id: owner },
  contributors: [{ role: 'DEVELOPER', organisation: { id: owner } }],
  adoptions: [],
  status: 'PUBLISHED',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  publishedAt: '2024-01-01T00:00:00.000Z',
};

async function rows(document: unknown) {
  async function* chunks() {
    yield JSON.stringify(document);
  }
  const result: SourceRow[] = [];
  for await (const row of jsonLdRows(chunks(), { file: 'practice.jsonld' })) result.push(row);
  return result;
}

describe('JSON-LD as import rows', () => {
  it('writes a practice as the cells of the practice columns, its translations as title@fr', async () => {
    const [row, ...rest] = await rows(toJsonLd(mappings.practices, practice, context));
    expect(rest).toEqual([]);
    expect(row).toEqual({
      type: 'practices',
      line: 1,
      file: 'practice.jsonld',
      keepsId: true,
      linkedData: true,
      row: {
        id: practiceId,
        title: 'Telemonitoring at home',
        summary: 'Patients send readings; nurses call back.',
        'title@fr': 'Télésurveillance à domicile',
        language: 'en',
        type: 'DIGITAL_SERVICE',
        maturity: 'PILOT',
        trl: '6',
        owner,
        contributors: `${owner}=DEVELOPER`,
        cdhiCodes: '1.4.1;2.4.1',
        languages: 'en;fr',
        countries: 'FR',
        evidence: 'PUBLICATION 10.1000/182 Trial results',
        // Its place in the workflow and its times, carried by a curator's import.
        status: 'PUBLISHED',
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        publishedAt: '2024-01-01T00:00:00.000Z',
      },
    });
    if (row && !isRejected(row)) for (const header in row.row) expect(columnOf('practices', header)).toBeDefined();
  });

  it('matches a record whose IRI is not RADAR’s by that IRI, as its sourceId, and names references the same way', async () => {
    const document = {
      ...toJsonLd(mappings.practices, practice, context),
      id: 'https://partner.example.org/solutions/42',
      rightsHolder: 'https://partner.example.org/organisations/7',
    };
    const [row] = await rows(document);
    expect(row).toMatchObject({
      row: {
        sourceId: 'https://partner.example.org/solutions/42',
        owner: 'https://partner.example.org/organisations/7',
      },
    });
    expect(row && !isRejected(row) && 'id' in row.row).toBe(false);
  });

  it('refuses a value the list cells cannot hold rather than splitting it', async () => {
    const evidence = [{ kind: 'PUBLICATION', url: 'https://example.org/a', title: 'Part one; part two' }];
    const [row] = await rows(toJsonLd(mappings.practices, { ...practice, evidence }, context));
    expect(row).toMatchObject({
      type: 'practices',
      row: { id: practiceId },
      problem: { column: 'evidence', reason: expect.stringContaining('separates values') },
    });
  });

  it('passes the reader’s refusals on as rejected rows with the column and the reason', async () => {
    const { summary: _summary, ...document } = toJsonLd(mappings.practices, practice, context);
    expect(await rows(document)).toEqual([
      {
        type: 'practices',
        line: 1,
        file: 'practice.jsonld',
        linkedData: true,
        row: {},
        problem: {
          column: 'summary',
          reason: `<${context.base}/practices/${practiceId}>: the summary is missing (<http://purl.org/dc/terms/abstract>)`,
        },
      },
    ]);
    expect(await rows({ '@context': contextIri(context), id: `${context.base}/x`, type: 'Collection' })).toEqual([]);
  });

  it('gives the rows in the order the import takes them: a practice’s adoptions after every practice', async () => {
    const adoption = {
      id: '2d9e3f40-0000-4000-8000-000000000001',
      country: 'FR',
      nuts: null,
      scale: 'LOCAL',
      status: 'ONGOING',
      startDate: null,
      endDate: null,
      note: null,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      adopter: { id: owner },
      project: null,
    };
    const second = { ...practice, id: '1c8d2e3f-0000-4000-8000-000000000002', adoptions: [adoption] };
    const organisation = {
      id: owner,
      name: 'Hôpital de Lyon',
      acronym: null,
      kind: 'HEALTHCARE_PROVIDER',
      country: 'FR',
      nuts: null,
      city: null,
      website: null,
      email: null,
      description: null,
      memberships: [],
      identifiers: [],
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    // A document lists them in any order; the rows come organisations first.
    const document = {
      '@context': contextIri(context),
      '@graph': [second, practice, organisation].map((record, index) => {
        const { '@context': _context, ...node } = toJsonLd(
          index === 2 ? mappings.organisations : mappings.practices,
          record,
          context,
        );
        return node;
      }),
    };
    const result = await rows(document);
    expect(result.map((row) => [row.type, row.row.id])).toEqual([
      ['organisations', owner],
      ['practices', practice.id],
      ['practices', second.id],
      ['adoptions', adoption.id],
    ]);
  });

  it('writes a twinning project as project columns, its synergies in a later row that only updates', async () => {
    const projectId = '2d9e3f4a-0000-4000-8000-000000000001';
    const otherId = '2d9e3f4a-0000-4000-8000-000000000002';
    const adopter = '0b7c1d2e-0000-4000-8000-000000000002';
    const project = {
      id: projectId,
      acronym: 'TWIN',
      title: 'A twinning',
      summary: null,
      language: 'en',
      translations: [],
      kind: 'TWINNING',
      programme: 'DIGITAL_EUROPE',
      funder: null,
      grantNumber: null,
      cordisId: '101083048',
      startDate: '2024-02-01',
      endDate: '2024-08-31',
      totalBudget: '60000.00',
      euContribution: null,
      website: null,
      participants: [{ role: 'COORDINATOR', organisation: { id: owner } }],
      practices: [{ role: 'TRANSFERRED', practice: { id: practiceId } }],
      synergies: [{ kind: 'FOLLOW_UP', project: { id: otherId } }],
      twinning: {
        type: 'ADAPTATION',
        outcome: null,
        completedAt: null,
        originator: { id: owner },
        practice: { id: practiceId },
        adopters: [{ organisation: { id: adopter }, adoption: null }],
        stages: [{ name: 'Kick-off', startDate: '2024-02-01', endDate: '2024-02-28', description: null }],
      },
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const [row, synergies, ...rest] = await rows(toJsonLd(mappings.projects, project, context));
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ type: 'projects', keepsId: true });
    expect(row?.row).toMatchObject({
      id: projectId,
      cordisId: '101083048',
      totalBudget: '60000.00',
      participants: `${owner}=COORDINATOR`,
      practices: `${practiceId}=TRANSFERRED`,
      twinningOriginator: owner,
      twinningAdopters: adopter,
      twinningPractice: practiceId,
      twinningType: 'ADAPTATION',
      twinningStages: 'Kick-off|2024-02-01|2024-02-28|',
    });
    expect(row?.row.synergies).toBeUndefined();
    // The link may name a project later in the input, so it comes after them all, and never creates the project.
    expect(synergies).toEqual({
      type: 'projects',
      line: 1,
      file: 'practice.jsonld',
      linkedData: true,
      row: { id: projectId, synergies: `${otherId}=FOLLOW_UP` },
    });
    for (const header of Object.keys(row?.row ?? {})) expect(columnOf('projects', header), header).toBeDefined();
  });
});
