// Linked data a harvester with stock tooling can trust: every document's context answers at the deployment, so
// jsonld.js with its default document loader expands records, harvest pages and the JSON-LD dump; the ontology and
// every code-list IRI dereference (through the w3id.org rules) in every format; whatever left the public registry
// answers 410 with a tombstone that says how; dumps follow the registry's changes.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { codeLists, type ExporterServer, schemeSlugs } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds } from '@radar/practices';
import jsonld from 'jsonld';
import n3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let exporter: ExporterServer;
let base: string;
let dumpDir: string;

beforeAll(async () => {
  stack = await startStack();
  dumpDir = await mkdtemp(join(tmpdir(), 'radar-linked-'));
  ({ exporter, base } = await startExporterAtItsBase(stack, {
    RADAR_DUMP_DIR: dumpDir,
    RADAR_DUMP_EVERY_HOURS: '24',
    RADAR_DUMP_DEBOUNCE_SECONDS: '1',
  }));
});
afterAll(async () => {
  await exporter?.close();
  await exporter?.dumps.settled();
  await stack?.stop();
  if (dumpDir) await rm(dumpDir, { recursive: true, force: true });
});

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });
const json = async (url: string) => (await get(url, { accept: 'application/ld+json' })).json() as Promise<any>;

/** jsonld.js as any harvester runs it: no document loader given, so the context is fetched from its URL. */
async function expandedQuads(document: unknown): Promise<string[]> {
  const nquads = (await jsonld.toRDF(
    document as never,
    { format: 'application/n-quads' } as never,
  )) as unknown as string;
  return nquads.split('\n').filter(Boolean);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 80): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function publishNew(title: string) {
  const editor = await stack.keys.editorOf(organisations.smartHospital);
  return { id: await publishNewPractice(stack, title, editor, 'Published for the tombstone tests.'), editor };
}

describe('contexts that resolve', () => {
  it('name the deployment’s own context, which answers on loopback', async () => {
    const record = await json(`${base}/practices`);
    expect(record['@context']).toBe(`${base}/ontology/context.jsonld`);
    expect(new URL(record['@context']).hostname).toBe('127.0.0.1');
    const context = await get(record['@context']);
    expect(context.status).toBe(200);
    expect(context.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  });

  it('let jsonld.js with its default loader expand every harvest page and every record it lists', async () => {
    let records = 0;
    for (const path of ['practices', 'organisations', 'projects']) {
      let next: string | undefined = `${base}/${path}?pageSize=20`;
      while (next) {
        const page = await json(next);
        const quads = await expandedQuads(page);
        expect(quads.some((quad) => quad.includes('<http://www.w3.org/ns/hydra/core#member>'))).toBe(true);
        for (const member of page.member as { id: string; type: string }[]) {
          if (member.type === 'Tombstone') continue;
          const own = await expandedQuads(await json(member.id));
          expect(
            own.some((quad) => quad.startsWith(`<${member.id}> `)),
            member.id,
          ).toBe(true);
          records++;
        }
        next = page.view.next;
      }
    }
    expect(records).toBeGreaterThan(10);
  });

  it('let jsonld.js expand the JSON-LD dump to the same triples as the N-Triples dump', async () => {
    await until('the first dumps', async () =>
      (await get(`${base}/dumps/radar.nt.gz`)).ok && (await get(`${base}/dumps/radar.jsonld.gz`)).ok ? true : undefined,
    );
    await exporter.dumps.settled();
    const download = async (name: string) =>
      gunzipSync(Buffer.from(await (await get(`${base}/dumps/${name}`)).arrayBuffer())).toString('utf8');
    const dump = JSON.parse(await download('radar.jsonld.gz'));
    expect(dump['@context']).toBe(`${base}/ontology/context.jsonld`);
    const expanded = new n3.Parser({ format: 'application/n-quads' }).parse((await expandedQuads(dump)).join('\n'));
    const ntriples = new n3.Parser({ format: 'application/n-triples' }).parse(await download('radar.nt.gz'));
    expect(expanded.length).toBe(ntriples.length);
    const named = (quads: n3.Quad[]) =>
      new Set(quads.filter((quad) => quad.subject.termType === 'NamedNode').map((quad) => quad.subject.value));
    expect(named(expanded)).toEqual(named(ntriples));
  });
});

describe('the vocabulary', () => {
  /** The rules a w3id.org registration installs, applied as Apache would to a path under https://w3id.org/radar/. */
  const htaccess = readFileSync(new URL('../ontology/w3id/.htaccess', import.meta.url), 'utf8');
  const rules = [...htaccess.matchAll(/^RewriteRule (\S+) (\S+) \[R=303,L\]$/gm)].map(([, pattern, target]) => ({
    pattern: new RegExp(pattern as string),
    target: target as string,
  }));
  const deployment = /E=RADAR_DEPLOYMENT:([^\]]+)\]/.exec(htaccess)?.[1];
  const landing = (iri: string) => {
    const path = new URL(iri).pathname.replace(/^\/radar\//, '');
    for (const rule of rules) {
      const match = rule.pattern.exec(path);
      if (match) {
        const target = rule.target
          .replace('%{ENV:RADAR_DEPLOYMENT}', base)
          .replace(/\$(\d)/g, (_, group) => match[Number(group)] ?? '');
        return target;
      }
    }
    throw new Error(`no w3id rule redirects ${iri}`);
  };

  it('has w3id.org rules that name one configurable deployment and cover the ontology, its files and code lists', () => {
    expect(deployment).toMatch(/^https:\/\//);
    expect(landing('https://w3id.org/radar/ontology')).toBe(`${base}/ontology`);
    expect(landing('https://w3id.org/radar/ontology/context.jsonld')).toBe(`${base}/ontology/context.jsonld`);
    expect(landing('https://w3id.org/radar/code/')).toBe(`${base}/code`);
    expect(landing('https://w3id.org/radar/code/topic/UPTAKE_SCALING')).toBe(`${base}/code/topic/UPTAKE_SCALING`);
    expect(() => landing('https://w3id.org/radar/secret')).toThrow(/no w3id rule/);
  });

  const parse = async (url: string, format: 'jsonld' | 'turtle' | 'ntriples') => {
    const response = await get(url, {
      accept: { jsonld: 'application/ld+json', turtle: 'text/turtle', ntriples: 'application/n-triples' }[format],
    });
    expect(response.status, url).toBe(200);
    if (format === 'jsonld') {
      return new n3.Parser({ format: 'application/n-quads' }).parse(
        (await expandedQuads(await response.json())).join('\n'),
      );
    }
    return new n3.Parser({ format: format === 'turtle' ? 'text/turtle' : 'application/n-triples' }).parse(
      await response.text(),
    );
  };

  it('serves the ontology at its path, the same graph in every format, and a page for people', async () => {
    const url = landing('https://w3id.org/radar/ontology');
    const turtle = await parse(url, 'turtle');
    expect(
      turtle.some(
        (quad) =>
          quad.subject.value === 'https://w3id.org/radar/ontology' &&
          quad.object.value === 'http://www.w3.org/2002/07/owl#Ontology',
      ),
    ).toBe(true);
    const terms = new Set(turtle.map((quad) => quad.subject.value));
    expect(terms).toContain('https://w3id.org/radar/ontology#Practice');
    expect(terms).toContain('https://w3id.org/radar/ontology#tombstoneReason');
    expect((await parse(url, 'jsonld')).length).toBe(turtle.length);
    expect((await parse(url, 'ntriples')).length).toBe(turtle.length);
    const html = await get(url, { accept: 'text/html' });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<h1>RADAR ontology</h1>');
  });

  const skos = 'http://www.w3.org/2004/02/skos/core#';
  it.each(Object.entries(schemeSlugs) as [keyof typeof schemeSlugs, string][])(
    'dereferences the concept scheme %s and each of its concepts, in every format',
    async (name, slug) => {
      const scheme = `https://w3id.org/radar/code/${slug}`;
      const graph = await parse(landing(scheme), 'turtle');
      const concepts = graph
        .filter((quad) => quad.predicate.value === `${skos}inScheme`)
        .map((quad) => quad.subject.value);
      expect(new Set(concepts), scheme).toEqual(new Set(codeLists[name].map((entry) => `${scheme}/${entry.code}`)));
      expect((await parse(landing(scheme), 'jsonld')).length, scheme).toBe(graph.length);
      for (const entry of codeLists[name]) {
        const concept = `${scheme}/${entry.code}`;
        for (const format of ['turtle', 'ntriples', 'jsonld'] as const) {
          const quads = await parse(landing(concept), format);
          expect(
            quads.some(
              (quad) =>
                quad.subject.value === concept &&
                quad.predicate.value === `${skos}prefLabel` &&
                quad.object.value === entry.label,
            ),
            `${concept} as ${format}`,
          ).toBe(true);
        }
      }
      const page = await get(landing(`${scheme}/${codeLists[name][0]?.code}`), { accept: 'text/html' });
      expect(await page.text()).toContain(`<h1>${escapeHtml(codeLists[name][0]?.label ?? '')}</h1>`);
    },
  );

  it('credits WHO for the lists taken from its classification, under WHO\u2019s licence, and keeps RADAR\u2019s own lists CC BY 4.0', async () => {
    const dct = 'http://purl.org/dc/terms/';
    const whoLicence = 'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/';
    const rightsOf = async (slug: string) => {
      const scheme = `https://w3id.org/radar/code/${slug}`;
      const quads = (await parse(landing(scheme), 'turtle')).filter((quad) => quad.subject.value === scheme);
      const values = (predicate: string) =>
        quads.filter((quad) => quad.predicate.value === `${dct}${predicate}`).map((quad) => quad.object.value);
      return {
        license: values('license'),
        source: values('source'),
        rightsHolder: values('rightsHolder'),
        rights: values('rights'),
      };
    };
    const answer = await stack.gql(`{ cdhi: codeListRights(name: CDHI_CODES) { source rightsHolder license attribution }
        topics: codeListRights(name: TOPICS) { source rightsHolder license attribution } }`);
    expect(answer.errors).toBeUndefined();
    const graphql = answer.data as Record<'cdhi' | 'topics', Record<string, string | null>>;
    const attribution = graphql.cdhi?.attribution as string;
    expect(attribution).toMatch(
      /^Adapted from: Classification of digital interventions, services and applications in health.*2nd ed\. Geneva: World Health Organization; 2023 \(ISBN 978-92-4-008194-9\)\. \u00a9 World Health Organization 2023\. Licence: CC BY-NC-SA 3\.0 IGO\./,
    );
    expect(graphql.cdhi).toEqual({
      source: 'https://iris.who.int/handle/10665/373581',
      rightsHolder: 'World Health Organization',
      license: whoLicence,
      attribution,
    });
    expect(graphql.topics).toMatchObject({
      source: null,
      rightsHolder: null,
      license: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
    });
    for (const slug of ['cdhi', 'health-system-challenge', 'service-type']) {
      expect(await rightsOf(slug), slug).toEqual({
        license: [whoLicence],
        source: ['https://iris.who.int/handle/10665/373581'],
        rightsHolder: ['https://www.who.int/'],
        rights: [attribution],
      });
      for (const path of [`${base}/code/${slug}`, `${base}/code/${slug}/${slug === 'service-type' ? 'A' : '1'}`]) {
        const page = await (await get(path, { accept: 'text/html' })).text();
        expect(page, path).toContain(`<p class="attribution">${escapeHtml(attribution)}</p>`);
      }
    }
    for (const slug of ['topic', 'maturity-stage', 'tombstone-reason', 'organisation-kind']) {
      expect(await rightsOf(slug), slug).toEqual({
        license: ['http://publications.europa.eu/resource/authority/licence/CC_BY_4_0'],
        source: [],
        rightsHolder: [],
        rights: [graphql.topics?.attribution],
      });
      const page = await (await get(`${base}/code/${slug}`, { accept: 'text/html' })).text();
      expect(page, slug).not.toContain('CC BY-NC-SA');
    }
    const every = await (await get(`${base}/code`, { accept: 'text/html' })).text();
    expect(every).toContain(escapeHtml(attribution));
  });

  it('answers 404 for a scheme or code RADAR does not have, and 400 for an unknown format', async () => {
    expect((await get(`${base}/code/no-such-list`)).status).toBe(404);
    expect((await get(`${base}/code/topic/NO_SUCH_TOPIC`)).status).toBe(404);
    const bad = await get(`${base}/code/topic?format=rdfxml`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: 'format', formats: ['jsonld', 'turtle', 'ntriples', 'html'] });
  });
});

describe('one tombstone policy', () => {
  const reasonOf = (document: unknown) => (document as { tombstoneReason?: string }).tombstoneReason?.split('/').at(-1);

  it('answers 410 with a tombstone saying archived, unpublished or deleted, and lists the same in the feed', async () => {
    const since = new Date().toISOString();
    const archived = await publishNew('Practice to be archived');
    const unpublished = await publishNew('Practice to be unpublished');
    const deleted = await publishNew('Practice to be deleted');
    await stack.gql(
      `mutation { archivePractice(id: "${archived.id}", version: 3) { id } }`,
      {},
      { key: archived.editor },
    );
    await stack.gql(
      `mutation { unpublishPractice(id: "${unpublished.id}", version: 3) { id } }`,
      {},
      { key: stack.keys.curator },
    );
    await stack.gql(`mutation { deletePractice(id: "${deleted.id}", version: 3) { id } }`, {}, { key: deleted.editor });
    const expected = { [archived.id]: 'ARCHIVED', [unpublished.id]: 'UNPUBLISHED', [deleted.id]: 'DELETED' };
    const feed = await json(`${base}/practices?modifiedSince=${encodeURIComponent(since)}&pageSize=100`);
    for (const [id, reason] of Object.entries(expected)) {
      const iri = `${base}/practices/${id}`;
      for (const format of ['jsonld', 'turtle', 'html']) {
        expect((await get(`${iri}?format=${format}`)).status, `${reason} as ${format}`).toBe(410);
      }
      const tombstone = await (await get(iri, { accept: 'application/ld+json' })).json();
      expect(tombstone).toMatchObject({
        id: iri,
        type: 'Tombstone',
        formerType: 'Practice',
        deleted: expect.any(String),
      });
      expect(reasonOf(tombstone)).toBe(reason);
      const quads = await expandedQuads(tombstone);
      expect(quads).toContain(
        `<${iri}> <https://w3id.org/radar/ontology#tombstoneReason> <https://w3id.org/radar/code/tombstone-reason/${reason}> .`,
      );
      const member = feed.member.find((item: { id: string }) => item.id === iri);
      expect(member, iri).toMatchObject({ type: 'Tombstone' });
      expect(reasonOf(member)).toBe(reason);
    }
  });

  it('replaces the tombstone with the record when a practice is published again', async () => {
    const { id, editor } = await publishNew('Practice unpublished, then published again');
    await stack.gql(`mutation { unpublishPractice(id: "${id}", version: 3) { id } }`, {}, { key: stack.keys.curator });
    expect((await get(`${base}/practices/${id}`)).status).toBe(410);
    const since = new Date().toISOString();
    await stack.gql(`mutation { submitPractice(id: "${id}", version: 4) { id } }`, {}, { key: editor });
    await stack.gql(`mutation { publishPractice(id: "${id}", version: 5) { id } }`, {}, { key: stack.keys.curator });
    const back = await get(`${base}/practices/${id}`, { accept: 'application/ld+json' });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({
      title: [{ '@value': 'Practice unpublished, then published again', '@language': 'en' }],
    });
    const feed = await json(`${base}/practices?modifiedSince=${encodeURIComponent(since)}`);
    const members = feed.member.filter((item: { id: string }) => item.id === `${base}/practices/${id}`);
    expect(members).toHaveLength(1);
    expect(members[0].type).not.toBe('Tombstone');
  });

  it('answers 410 for a deleted organisation and 404 for an id never used', async () => {
    const created = await stack.gql(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version } }`,
      { input: { name: 'Short-lived clinic', kind: 'HEALTHCARE_PROVIDER', country: 'RO' } },
      { key: stack.keys.curator },
    );
    const { id, version } = created.data?.createOrganisation ?? {};
    const removed = await stack.gql(
      `mutation { deleteOrganisation(id: "${id}", version: ${version}) { id } }`,
      {},
      { key: stack.keys.curator },
    );
    expect(removed.errors).toBeUndefined();
    const gone = await get(`${base}/organisations/${id}`, { accept: 'application/ld+json' });
    expect(gone.status).toBe(410);
    expect(reasonOf(await gone.json())).toBe('DELETED');
    expect((await get(`${base}/practices/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe('fresh dumps', () => {
  it('are rebuilt soon after the registry changes, and the catalogue gives their true dct:modified', async () => {
    await until('the first dumps', async () => ((await get(`${base}/dumps/radar.nt.gz`)).ok ? true : undefined));
    await exporter.dumps.settled();
    const { id } = await publishNew('Practice published after the first dump');
    const title = `Renamed after the dump ${Date.now()}`;
    // A curator's change to a published practice applies at once (an editor's would wait for review).
    const renamed = await stack.gql(
      `mutation($input: UpdatePracticeInput!) { updatePractice(id: "${id}", version: 3, input: $input) { updatedAt } }`,
      { input: { title } },
      { key: stack.keys.curator },
    );
    const updatedAt = renamed.data?.updatePractice.updatedAt as string;
    const second = (time: string | undefined | null) => Math.floor(Date.parse(time ?? '') / 1000);
    const distribution = `${base}/catalog#dump-radar.nt.gz`;
    // A rebuild may read the change yet start before it: the next one then follows. Wait for the dump that says so.
    const { text, lastModified, catalogue } = await until('a dump with the change, named with it', async () => {
      const response = await get(`${base}/dumps/radar.nt.gz`);
      if (!response.ok) return undefined;
      const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
      const catalogue = new n3.Store(
        new n3.Parser({ format: 'text/turtle' }).parse(
          await (await get(`${base}/catalog`, { accept: 'text/turtle' })).text(),
        ),
      );
      const [modified] = catalogue.getObjects(distribution, 'http://purl.org/dc/terms/modified', null);
      const lastModified = response.headers.get('last-modified');
      return text.includes(title) &&
        second(modified?.value) === second(updatedAt) &&
        second(lastModified) === second(updatedAt)
        ? { text, lastModified, catalogue }
        : undefined;
    });
    const quads = new n3.Parser({ format: 'application/n-triples' }).parse(text);
    expect(quads.some((quad) => quad.subject.value === `${base}/practices/${id}` && quad.object.value === title)).toBe(
      true,
    );
    // Last-Modified is the registry's last change the dump holds, not when the file was written.
    expect(Date.parse(lastModified ?? '')).toBe(second(updatedAt) * 1000);
    const partial = catalogue
      .getObjects(null, 'http://www.w3.org/ns/dcat#downloadURL', null)
      .filter((term) => /partial/.test(term.value));
    expect(partial).toEqual([]);
  });
});

describe('texts in their languages', () => {
  const DCT = 'http://purl.org/dc/terms/';
  const texts = {
    en: {
      title: 'Remote rehabilitation after stroke',
      summary: 'Physiotherapists guide stroke survivors through exercises at home, by video.',
    },
    fr: {
      language: 'fr',
      title: 'Rééducation à distance après un AVC',
      summary: 'Des kinésithérapeutes guident les patients dans leurs exercices à domicile, par vidéo.',
      description: 'Séances **en direct** et suivi des progrès.',
    },
    de: {
      language: 'de',
      title: 'Tele-Rehabilitation nach Schlaganfall',
      summary: 'Physiotherapeuten begleiten Betroffene per Video bei Übungen zu Hause.',
    },
  };
  /** The language-tagged literals a graph gives the record: "predicate language text", sorted. */
  const taggedTexts = (quads: n3.Quad[], subject: string) =>
    quads
      .filter(
        (quad) => quad.subject.value === subject && quad.object.termType === 'Literal' && quad.object.language !== '',
      )
      .map((quad) => `${quad.predicate.value} ${(quad.object as n3.Literal).language} ${quad.object.value}`)
      .sort();
  const expected = [
    `${DCT}title en ${texts.en.title}`,
    `${DCT}abstract en ${texts.en.summary}`,
    `${DCT}description en A description in English.`,
    `${DCT}title fr ${texts.fr.title}`,
    `${DCT}abstract fr ${texts.fr.summary}`,
    `${DCT}description fr ${texts.fr.description}`,
    `${DCT}title de ${texts.de.title}`,
    `${DCT}abstract de ${texts.de.summary}`,
  ].sort();

  it('are language-tagged literals, one per language, in JSON-LD, Turtle, N-Triples and the dump', async () => {
    const editor = await stack.keys.editorOf(organisations.smartHospital);
    const registered = await stack.gql(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      {
        input: {
          ...texts.en,
          description: 'A description in English.',
          translations: [texts.fr, texts.de],
          type: 'DIGITAL_SERVICE',
          maturity: 'PILOT',
          ownerId: organisations.smartHospital,
        },
      },
      { key: editor },
    );
    expect(registered.errors).toBeUndefined();
    const id = registered.data?.registerPractice.id as string;
    await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
    await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator });
    const iri = `${base}/practices/${id}`;

    const document = await json(iri);
    expect(document.title).toEqual(
      expect.arrayContaining([
        { '@value': texts.en.title, '@language': 'en' },
        { '@value': texts.fr.title, '@language': 'fr' },
      ]),
    );
    const expanded = new n3.Parser({ format: 'application/n-quads' }).parse((await expandedQuads(document)).join('\n'));
    expect(taggedTexts(expanded, iri)).toEqual(expected);
    for (const format of ['text/turtle', 'application/n-triples']) {
      const text = await (await get(iri, { accept: format })).text();
      const quads = new n3.Parser({ format, baseIRI: base }).parse(text);
      expect(taggedTexts(quads, iri), format).toEqual(expected);
      // No text is left untagged: a plain literal would say nothing of its language.
      expect(
        quads.filter(
          (quad) =>
            quad.subject.value === iri &&
            [`${DCT}title`, `${DCT}abstract`, `${DCT}description`].includes(quad.predicate.value) &&
            (quad.object as n3.Literal).language === '',
        ),
        format,
      ).toEqual([]);
    }
    expect(await (await get(iri, { accept: 'text/turtle' })).text()).toContain(`"${texts.de.title}"@de`);

    const dumped = await until('a dump with the translated practice', async () => {
      const response = await get(`${base}/dumps/radar.nt.gz`);
      if (!response.ok) return undefined;
      const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
      return text.includes(`<${iri}>`) ? text : undefined;
    });
    expect(taggedTexts(new n3.Parser({ format: 'application/n-triples' }).parse(dumped), iri)).toEqual(expected);
  });

  it('tag a project\u2019s title and summary in each of its languages', async () => {
    const created = await stack.gql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      {
        input: {
          acronym: 'TAGS',
          title: 'Language tags for projects',
          language: 'en',
          translations: [{ language: 'ro', title: 'Etichete de limbă pentru proiecte', summary: 'Un rezumat.' }],
          kind: 'NETWORK_SYNERGY',
          programme: 'OTHER',
        },
      },
      { key: stack.keys.curator },
    );
    expect(created.errors).toBeUndefined();
    const iri = `${base}/projects/${created.data?.createProject.id}`;
    const quads = new n3.Parser({ format: 'application/n-triples' }).parse(
      await (await get(iri, { accept: 'application/n-triples' })).text(),
    );
    expect(taggedTexts(quads, iri)).toEqual(
      [
        `${DCT}title en Language tags for projects`,
        `${DCT}title ro Etichete de limbă pentru proiecte`,
        `${DCT}abstract ro Un rezumat.`,
      ].sort(),
    );
  });

  it('tag the catalogue\u2019s and the dataset\u2019s title and description, and name the languages of each', async () => {
    const catalogue = new n3.Parser({ format: 'application/n-quads' }).parse(
      (await expandedQuads(await json(`${base}/catalog`))).join('\n'),
    );
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
    const languages = new Map<string, string[]>();
    for (const type of [`${DCAT}Catalog`, `${DCAT}Dataset`]) {
      const subject = catalogue.find((quad) => quad.predicate.value === RDF_TYPE && quad.object.value === type)?.subject
        .value;
      expect(subject, type).toBeDefined();
      const about = catalogue.filter((quad) => quad.subject.value === subject);
      for (const predicate of [`${DCT}title`, `${DCT}description`]) {
        const literals = about.filter((quad) => quad.predicate.value === predicate);
        expect(literals.length, `${type} ${predicate}`).toBeGreaterThan(0);
        for (const literal of literals) expect((literal.object as n3.Literal).language).toBe('en');
      }
      languages.set(
        type,
        about.filter((quad) => quad.predicate.value === `${DCT}language`).map((quad) => quad.object.value),
      );
    }
    const authority = (code: string) => `http://publications.europa.eu/resource/authority/language/${code}`;
    // The catalogue is written in English; the dataset holds texts in English and, seeded, in Romanian.
    expect(languages.get(`${DCAT}Catalog`)).toEqual([authority('ENG')]);
    expect(languages.get(`${DCAT}Dataset`)).toEqual(expect.arrayContaining([authority('ENG'), authority('RON')]));
  });
});

describe('one HTTP path', () => {
  it('runs on the common shell: a request id on every answer, the caller’s when well formed', async () => {
    const given = await get(`${base}/code/topic`, { 'x-request-id': 'harvest-42' });
    expect(given.headers.get('x-request-id')).toBe('harvest-42');
    const malformed = await get(`${base}/practices`, { 'x-request-id': 'no spaces <allowed>' });
    expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get(`${base}/ready`)).status).toBe(200);
  });

  it('parses every query by one schema and answers conditional GETs the same way on every route', async () => {
    const repeated = await get(`${base}/practices?pageSize=10&pageSize=20`);
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toMatchObject({ parameter: 'pageSize' });
    for (const path of [
      '/ontology',
      '/code/topic',
      '/practices?pageSize=5',
      `/practices/${practiceSeedIds.moonshot2027}`,
    ]) {
      const first = await get(`${base}${path}`, { accept: 'text/turtle' });
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"/);
      expect((await get(`${base}${path}`, { accept: 'text/turtle', 'if-none-match': etag ?? '' })).status, path).toBe(
        304,
      );
      expect(
        (await get(`${base}${path}`, { accept: 'application/n-triples', 'if-none-match': etag ?? '' })).status,
        path,
      ).toBe(200);
    }
  });
});
