// A need's candidates are found level by level (every part the need states, then half of them, then any), yet the
// practices scored are those ranking every published practice would shortlist: on a generated registry where the
// first levels fall short, Need.candidates(first: 50) lists exactly the 50 practices sharing most with the need
// (each shared part weighted as in the score; among equals, those adopted in the need's country first), and none below
// its maturity.
import { randomUUID } from 'node:crypto';
import { seedIds as organisations } from '@radar/organisations';
import { Adoption, Need, Practice } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;

/** What each shared part adds to the quick ranking, in thousandths of the score's weights. */
const WEIGHTS = {
  cdhi: 250,
  cdhiGroup: 50,
  challenges: 200,
  serviceTypes: 100,
  groups: 100,
  settings: 100,
  languages: 50,
};
const SHORTLIST = 50;
const PRACTICES = 160;
const COUNTRY = 'PT';

/** Both needs ask for what is implemented or scaled up; they differ in what they share with the generated practices. */
const needs = {
  /** Every generated practice offers its CDHI code, and a few meet every part: the first level falls short. */
  telemonitoring: {
    id: randomUUID(),
    cdhiCodes: ['2.4.2'],
    cdhiCodesExpanded: ['2', '2.4', '2.4.2'],
    healthSystemChallenges: ['3.5'],
    serviceTypes: ['A9'],
    targetGroups: ['OLDER_PEOPLE'],
    careSettings: ['HOME'],
    languages: ['pt'],
  },
  /** No practice offers its CDHI code: every level but the last falls short. */
  continuity: {
    id: randomUUID(),
    cdhiCodes: ['1.1.2'],
    cdhiCodesExpanded: ['1', '1.1', '1.1.2'],
    healthSystemChallenges: ['3.5'],
    serviceTypes: ['A9'],
    targetGroups: [],
    careSettings: [],
    languages: ['el'],
  },
};
type NeedCodes = (typeof needs)[keyof typeof needs];

const pick = <T>(bit: boolean, yes: T, no: T) => (bit ? yes : no);

beforeAll(async () => {
  stack = await startStack();
  // Rows are written straight to the practices database: this file is about reads, not about the write path.
  const em = stack.practices.db.orm.em.fork();
  const now = new Date();
  for (let index = 0; index < PRACTICES; index++) {
    const bit = (k: number) => Boolean((index >> k) & 1);
    const id = randomUUID();
    em.create(Practice, {
      id,
      title: `Shortlist practice ${String(index).padStart(3, '0')}`,
      summary: 'A practice made for ranking.',
      type: 'APP',
      // Every seventh is below the maturity the needs ask for, however much it shares with them.
      maturity: index % 7 === 0 ? 'PILOT' : pick(bit(5), 'SCALED_UP', 'IMPLEMENTED'),
      cdhiCodes: ['2.4.2'],
      cdhiCodesExpanded: ['2', '2.4', '2.4.2'],
      healthSystemChallenges: [pick(bit(0), '3.5', '9.1')],
      serviceTypes: [pick(bit(1), 'A9', 'D8')],
      topics: [],
      targetGroups: [pick(bit(2), 'OLDER_PEOPLE', 'HEALTH_PROFESSIONALS')],
      careSettings: [pick(bit(3), 'HOME', 'HOSPITAL')],
      languages: [pick(bit(4), 'pt', 'fr')],
      countries: [],
      nuts: [],
      standards: [],
      ownerId: organisations.smartHospital,
      status: 'PUBLISHED',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
    // A third are adopted in the needs' country, which puts them first among practices that share as much.
    if (index % 3 === 0) {
      em.create(Adoption, {
        id: randomUUID(),
        practice: id,
        adopterId: organisations.eitHealth,
        country: COUNTRY,
        nuts: null,
        scale: 'REGIONAL',
        status: 'ONGOING',
        startDate: '2024-01-01',
        endDate: null,
        projectId: null,
        note: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    }
  }
  for (const [name, codes] of Object.entries(needs)) {
    em.create(Need, {
      ...codes,
      title: `Shortlist need ${name}`,
      description: 'A need made for ranking.',
      language: 'en',
      country: COUNTRY,
      nuts: null,
      minMaturity: 'IMPLEMENTED',
      startDate: null,
      endDate: null,
      ownerId: organisations.eitHealth,
      status: 'PUBLISHED',
      state: 'OPEN',
      matchedPracticeId: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
  }
  await em.flush();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface Ranked {
  id: string;
  quick: number;
  nearby: boolean;
}

/** Every published practice at the need's maturity, by what it shares with the need, as the README describes it. */
async function everyPracticeRanked(need: NeedCodes): Promise<Ranked[]> {
  const em = stack.practices.db.orm.em.fork();
  const practices = await em.find(Practice, {
    status: 'PUBLISHED',
    deletedAt: null,
    maturity: { $in: ['IMPLEMENTED', 'SCALED_UP'] },
  });
  const adopted = new Set(
    (await em.find(Adoption, { country: COUNTRY, deletedAt: null, status: { $ne: 'PLANNED' } })).map(
      (adoption) => adoption.practice,
    ),
  );
  const shares = (mine: string[], theirs: string[]) => mine.some((code) => theirs.includes(code));
  return practices
    .map((practice) => ({
      id: practice.id,
      quick:
        (shares(need.cdhiCodes, practice.cdhiCodesExpanded)
          ? WEIGHTS.cdhi
          : shares(need.cdhiCodesExpanded, practice.cdhiCodesExpanded)
            ? WEIGHTS.cdhiGroup
            : 0) +
        (shares(need.healthSystemChallenges, practice.healthSystemChallenges) ? WEIGHTS.challenges : 0) +
        (shares(need.serviceTypes, practice.serviceTypes) ? WEIGHTS.serviceTypes : 0) +
        (shares(need.targetGroups, practice.targetGroups) ? WEIGHTS.groups : 0) +
        (shares(need.careSettings, practice.careSettings) ? WEIGHTS.settings : 0) +
        (shares(need.languages, practice.languages) ? WEIGHTS.languages : 0),
      nearby: adopted.has(practice.id),
    }))
    .filter((ranked) => ranked.quick > 0)
    .sort((a, b) => b.quick - a.quick || Number(b.nearby) - Number(a.nearby) || (a.id < b.id ? -1 : 1));
}

const CANDIDATES = `query($id: UUID!) { need(id: $id) { candidates(first: 50) { score practice { id maturity } } } }`;

async function candidatesOf(id: string) {
  const response = await stack.gql(CANDIDATES, { id });
  expect(response.errors).toBeUndefined();
  return response.data?.need.candidates as { score: number; practice: { id: string; maturity: string } }[];
}

describe('the shortlist of a need', () => {
  it('holds the practices sharing most with the need when fewer than it holds meet every part', async () => {
    const ranked = await everyPracticeRanked(needs.telemonitoring);
    const best = ranked[0]?.quick ?? 0;
    // The first level falls short, the second does not.
    expect(ranked.filter((r) => r.quick === best).length).toBeLessThan(SHORTLIST);
    expect(ranked.filter((r) => r.quick >= best / 2).length).toBeGreaterThan(SHORTLIST);
    const candidates = await candidatesOf(needs.telemonitoring.id);
    expect(candidates).toHaveLength(SHORTLIST);
    expect(new Set(candidates.map((c) => c.practice.id))).toEqual(new Set(ranked.slice(0, SHORTLIST).map((r) => r.id)));
    expect(candidates.map((c) => c.practice.maturity)).not.toContain('PILOT');
    for (const [index, candidate] of candidates.entries()) {
      if (index > 0) expect(candidate.score).toBeLessThanOrEqual(candidates[index - 1]?.score as number);
    }
  });

  it('goes down to practices sharing anything when fewer than it holds reach half, nearby ones first among equals', async () => {
    const ranked = await everyPracticeRanked(needs.continuity);
    const best = WEIGHTS.cdhiGroup + WEIGHTS.cdhi + WEIGHTS.challenges + WEIGHTS.serviceTypes + WEIGHTS.languages;
    expect(ranked.filter((r) => r.quick >= best / 2).length).toBeLessThan(SHORTLIST);
    expect(ranked.length).toBeGreaterThan(SHORTLIST);
    // Practices share as much at the shortlist's end, so that where it ends is decided by adoption nearby, then id:
    // by id alone, others would be shortlisted.
    const last = ranked[SHORTLIST - 1] as Ranked;
    expect(ranked[SHORTLIST]?.quick).toBe(last.quick);
    const byIdAlone = [...ranked].sort((a, b) => b.quick - a.quick || (a.id < b.id ? -1 : 1));
    expect(new Set(byIdAlone.slice(0, SHORTLIST).map((r) => r.id))).not.toEqual(
      new Set(ranked.slice(0, SHORTLIST).map((r) => r.id)),
    );
    const candidates = await candidatesOf(needs.continuity.id);
    expect(new Set(candidates.map((c) => c.practice.id))).toEqual(new Set(ranked.slice(0, SHORTLIST).map((r) => r.id)));
  });

  it('gives the same candidates for a need asked alone as for it asked beside another', async () => {
    const both = await stack.gql(
      `query($a: UUID!, $b: UUID!) { a: need(id: $a) { candidates(first: 10) { score reasons practice { id } } }
        b: need(id: $b) { candidates(first: 10) { score reasons practice { id } } } }`,
      { a: needs.telemonitoring.id, b: needs.continuity.id },
    );
    expect(both.errors).toBeUndefined();
    const alone = await stack.gql(
      `query($id: UUID!) { need(id: $id) { candidates(first: 10) { score reasons practice { id } } } }`,
      { id: needs.continuity.id },
    );
    expect(both.data?.b.candidates).toEqual(alone.data?.need.candidates);
    expect(both.data?.a.candidates).toHaveLength(10);
  });
});
