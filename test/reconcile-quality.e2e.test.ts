// How well reconciliation finds the right organisation: a generated registry of organisations and a spreadsheet
// of their names as data teams write them (accents dropped, legal-form suffixes, typos, word order, acronyms, ROR
// ids), reconciled through the exporter over real HTTP. Prints precision and recall of `match` and the rank of the
// right candidate; a wrong automatic match fails the test.
import { rorChecksum } from '@radar/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { type Stack, startStack } from './support/stack.js';

const COUNT = Number(process.env.RECONCILE_ORGANISATIONS ?? 240);
const CITIES = [
  'Iași',
  'Brașov',
  'Köln',
  'Málaga',
  'Zürich',
  'Łódź',
  'Göteborg',
  'Porto',
  'Liège',
  'Plzeň',
  'Trento',
  'Tartu',
  'Kraków',
  'Sevilla',
  'Nîmes',
  'Győr',
];
const KINDS = [
  { words: ['Spitalul Clinic Județean'], legal: '' },
  { words: ['Universitätsklinikum'], legal: 'AöR' },
  { words: ['Fundación Pública de Salud'], legal: 'S.L.' },
  { words: ['Centre Hospitalier Régional'], legal: '' },
  { words: ['Digital Health Solutions'], legal: 'GmbH' },
  { words: ['Instituto de Investigação Médica'], legal: 'S.A.' },
  { words: ['Telemedicina Società'], legal: 'S.p.A.' },
  { words: ['eHealth Innovation Hub'], legal: 'Ltd' },
];
const TOPICS = [
  'Cardiologie',
  'Oncology',
  'Pediatrie',
  'Neurologia',
  'Diabetes',
  'Geriatrics',
  'Telecare',
  'Radiology',
  'Psychiatry',
  'Nefrologia',
  'Dermatology',
  'Rehabilitación',
];

let stack: Stack;
let close: () => Promise<void>;
let base: string;

interface Generated {
  id: string;
  name: string;
  acronym: string;
  ror: string | null;
  legal: string;
}
const generated: Generated[] = [];

function rorFor(index: number) {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let body = '';
  let number = 5_000_000 + index * 7919;
  for (let digit = 0; digit < 6; digit += 1) {
    body = alphabet[number % 32] + body;
    number = Math.floor(number / 32);
  }
  return `0${body}${rorChecksum(body)}`;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');
function typo(name: string) {
  const words = name.split(' ');
  const longest = words.reduce((best, word, index) => (word.length > (words[best] as string).length ? index : best), 0);
  const word = words[longest] as string;
  const at = Math.floor(word.length / 2);
  words[longest] = word.slice(0, at) + (word[at + 1] ?? '') + word[at] + word.slice(at + 2);
  return words.join(' ');
}

beforeAll(async () => {
  stack = await startStack();
  for (let index = 0; index < COUNT; index += 1) {
    const kind = KINDS[index % KINDS.length] as (typeof KINDS)[number];
    const city = CITIES[Math.floor(index / KINDS.length) % CITIES.length] as string;
    const topic = TOPICS[Math.floor(index / (KINDS.length * CITIES.length)) % TOPICS.length] as string;
    const name = `${kind.words[0]} ${topic} ${city}`;
    const acronym = name
      .split(' ')
      .map((word) => fold(word)[0]?.toUpperCase())
      .join('')
      .concat(String(index));
    const ror = index % 3 === 0 ? rorFor(index) : null;
    const created = await stack.gql(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      {
        input: {
          name,
          acronym,
          kind: 'HEALTHCARE_PROVIDER',
          identifiers: ror ? [{ scheme: 'ROR', value: ror }] : [],
        },
      },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    generated.push({
      id: `organisations/${created.data?.createOrganisation.id}`,
      name,
      acronym,
      ror,
      legal: kind.legal,
    });
  }
  const started = await startExporterAtItsBase(stack);
  base = started.base;
  close = () => started.exporter.close();
}, 600_000);
afterAll(async () => {
  await close?.();
  await stack?.stop();
});

describe('reconciliation quality', () => {
  it('matches only the right organisation and ranks it first for most variants', async () => {
    const rows: { key: string; variant: string; expected: string; query: Record<string, unknown> }[] = [];
    generated.forEach((organisation, index) => {
      const variants: [string, Record<string, unknown>][] = [
        ['accents dropped', { query: fold(organisation.name) }],
        ['legal form', { query: `${organisation.name} ${organisation.legal || 'SRL'}`.trim() }],
        ['typo', { query: typo(organisation.name) }],
        ['word order', { query: organisation.name.split(' ').reverse().join(' ') }],
        ['acronym', { query: organisation.acronym }],
      ];
      if (organisation.ror) {
        variants.push([
          'ror',
          { query: fold(organisation.name), properties: [{ pid: 'ror', v: `https://ror.org/${organisation.ror}` }] },
        ]);
      }
      for (const [variant, query] of variants) {
        rows.push({
          key: `q${index}_${rows.length}`,
          variant,
          expected: organisation.id,
          query: { ...query, type: 'Organisation', limit: 5 },
        });
      }
    });
    const results = new Map<string, { id: string; match: boolean }[]>();
    for (let from = 0; from < rows.length; from += 25) {
      const batch = Object.fromEntries(rows.slice(from, from + 25).map((row) => [row.key, row.query]));
      const response = await fetch(`${base}/reconcile`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ queries: JSON.stringify(batch) }).toString(),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, { result: { id: string; match: boolean }[] }>;
      for (const [key, value] of Object.entries(body)) results.set(key, value.result);
    }
    const figures = new Map<string, { queries: number; matched: number; rightMatches: number; ranks: number[] }>();
    for (const row of rows) {
      const result = results.get(row.key) ?? [];
      const entry = figures.get(row.variant) ?? { queries: 0, matched: 0, rightMatches: 0, ranks: [] };
      entry.queries += 1;
      const matched = result.find((candidate) => candidate.match);
      if (matched) entry.matched += 1;
      if (matched?.id === row.expected) entry.rightMatches += 1;
      entry.ranks.push(result.findIndex((candidate) => candidate.id === row.expected) + 1);
      figures.set(row.variant, entry);
    }
    const all = [...figures.values()];
    const sum = (pick: (entry: (typeof all)[number]) => number) => all.reduce((total, entry) => total + pick(entry), 0);
    const lines = [...figures.entries()].map(([variant, entry]) => {
      const first = entry.ranks.filter((rank) => rank === 1).length / entry.queries;
      const found = entry.ranks.filter((rank) => rank > 0);
      const meanRank = found.reduce((total, rank) => total + rank, 0) / (found.length || 1);
      return `${variant.padEnd(16)} queries ${String(entry.queries).padStart(4)}  match precision ${(entry.matched ? entry.rightMatches / entry.matched : 1).toFixed(3)}  match recall ${(entry.rightMatches / entry.queries).toFixed(3)}  right first ${first.toFixed(3)}  in top 5 ${(found.length / entry.queries).toFixed(3)}  mean rank ${meanRank.toFixed(2)}`;
    });
    const precision = sum((entry) => entry.rightMatches) / (sum((entry) => entry.matched) || 1);
    const recall = sum((entry) => entry.rightMatches) / sum((entry) => entry.queries);
    console.log(
      `reconciliation of ${rows.length} queries against ${COUNT} organisations\n${lines.join('\n')}\nall: match precision ${precision.toFixed(3)}, match recall ${recall.toFixed(3)}`,
    );

    // No automatic match is ever wrong; identifiers and exact normalised names always decide.
    expect(precision).toBe(1);
    for (const variant of ['accents dropped', 'legal form', 'ror']) {
      const entry = figures.get(variant);
      if (entry) expect(entry.rightMatches / entry.queries).toBeGreaterThanOrEqual(0.95);
    }
    for (const variant of ['typo', 'word order', 'acronym']) {
      const entry = figures.get(variant) as { queries: number; ranks: number[] };
      expect(entry.ranks.filter((rank) => rank === 1).length / entry.queries).toBeGreaterThanOrEqual(0.8);
    }
  }, 600_000);
});
