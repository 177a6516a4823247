// A harvester that syncs incrementally: it walks each collection to its end, and after every kind of change asks
// `?modifiedSince=` its last sync. It must find exactly the records whose exported document changed — no more, no
// fewer — and a conditional GET with what it saw before (ETag, Last-Modified) must answer with the new document.

import { type ExporterServer } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let exporter: ExporterServer;
let base: string;

async function ok<T = any>(query: string, variables: Record<string, unknown>, key: string): Promise<T> {
  const response = await stack.gql(query, variables, { key });
  expect(response.errors, query).toBeUndefined();
  return response.data as T;
}

const COLLECTIONS = ['practices', 'organisations', 'projects'] as const;

interface Seen {
  status: number;
  etag: string | null;
  lastModified: string | null;
  body: Record<string, unknown>;
}

/** What a record's document says, without the date that only says when it last changed. */
const content = (seen: Seen) => JSON.stringify({ ...seen.body, modified: undefined });

async function fetchRecord(iri: string, headers: Record<string, string> = {}): Promise<Seen> {
  const response = await fetch(iri, { headers: { accept: 'application/ld+json', ...headers } });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    body: text ? JSON.parse(text) : {},
  };
}

/** The IRIs of every member (records and tombstones) of the collections from `since` (or all) to the end. */
async function harvest(since?: string): Promise<Set<string>> {
  const members = new Set<string>();
  for (const collection of COLLECTIONS) {
    const query = since ? `&modifiedSince=${encodeURIComponent(since)}` : '';
    let next: string | undefined = `${base}/${collection}?pageSize=100${query}`;
    while (next) {
      const response = await fetch(next, { headers: { accept: 'application/ld+json' } });
      expect(response.status, next).toBe(200);
      const page = (await response.json()) as { member: { id: string }[]; view?: { next?: string } };
      for (const member of page.member) members.add(member.id);
      next = page.view?.next;
    }
  }
  return members;
}

/** Every record the collections list, as a harvester would store it. */
async function snapshot() {
  const seen = new Map<string, Seen>();
  for (const iri of await harvest()) seen.set(iri, await fetchRecord(iri));
  return seen;
}

let synced: Map<string, Seen>;

/** Waits for the next whole second, so Last-Modified (whole seconds) can tell the change from what was seen. */
async function nextSecond() {
  const wait = 1000 - (Date.now() % 1000) + 5;
  await new Promise((resolve) => setTimeout(resolve, wait));
}

/**
 * Makes a change, then syncs as a harvester: the records whose document changed are exactly the ones the
 * incremental harvest lists, each with a new `modified`, ETag and Last-Modified, and conditional GETs with the old
 * validators answer with the new document. `shows` are the records the change must at least show on; `listedAlso`
 * are records the feed lists again although their document reads the same, because their GraphQL answer changed.
 */
async function afterChange(change: () => Promise<void>, shows: string[], listedAlso: string[] = []) {
  await nextSecond();
  const since = new Date().toISOString();
  await change();
  const now = await snapshot();
  const changed = [...new Set([...synced.keys(), ...now.keys()])]
    .filter((iri) => {
      const before = synced.get(iri);
      const after = now.get(iri);
      return !before || !after || content(before) !== content(after);
    })
    .sort();
  expect(changed).toEqual(expect.arrayContaining(shows.map((iri) => `${base}/${iri}`)));
  // What each changed document changed in, so a record missing from the harvest says why it should be there.
  const changes = changed.map((iri) => {
    const [before, after] = [synced.get(iri)?.body ?? {}, now.get(iri)?.body ?? {}];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return `${iri}: ${keys.filter((key) => key !== 'modified' && JSON.stringify(before[key]) !== JSON.stringify(after[key])).join(', ')}`;
  });
  const relisted = listedAlso.map((iri) => `${base}/${iri}`);
  for (const iri of relisted) {
    expect(changed, iri).not.toContain(iri);
    expect(content(now.get(iri) as Seen), iri).toBe(content(synced.get(iri) as Seen));
  }
  expect([...(await harvest(since))].sort(), changes.join('\n')).toEqual([...changed, ...relisted].sort());
  for (const iri of changed) {
    const before = synced.get(iri);
    const after = now.get(iri);
    if (!before || !after) continue;
    if (after.status === 200) {
      expect(after.etag, iri).not.toBe(before.etag);
      expect(after.lastModified, iri).not.toBe(before.lastModified);
      expect(after.body.modified, iri).not.toEqual(before.body.modified);
    }
    const validators: Record<string, string>[] = [
      { 'if-none-match': before.etag ?? '' },
      { 'if-modified-since': before.lastModified ?? '' },
    ];
    for (const validator of validators) {
      const again = await fetchRecord(iri, validator);
      expect(again.status, `${iri} ${JSON.stringify(validator)}`).toBe(after.status);
      expect(content(again), iri).toBe(content(after));
    }
  }
  synced = now;
}

/** The practice, organisation and project records the scenario changes. */
let practice: string;
let archived: string;
let unpublished: string;
let deleted: string;
let adopter: string;
let network: string;
let plain: string;
let twinning: string;
let twinningOfArchived: string;
let curator: string;
let owner: string;
let adopterKey: string;
let networkKey: string;

const versionOf = async (type: 'practice' | 'organisation' | 'project', id: string) =>
  (await ok(`query($id: UUID!) { ${type}(id: $id) { version } }`, { id }, curator))[type].version as number;

async function newOrganisation(name: string, kind: string) {
  const created = await ok(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    { input: { name, kind, country: 'RO' } },
    curator,
  );
  return created.createOrganisation.id as string;
}

async function newProject(acronym: string, extra: Record<string, unknown>) {
  const created = await ok(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        acronym,
        title: `Project ${acronym}`,
        kind: 'TWINNING',
        programme: 'EU4HEALTH',
        startDate: '2025-01-06',
        endDate: '2025-06-30',
        participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
        ...extra,
      },
    },
    curator,
  );
  return created.createProject.id as string;
}

const twinningOf = (practiceId: string) => ({
  twinning: {
    originatorId: organisations.smartHospital,
    adopterIds: [adopter],
    practiceId,
    type: 'FULL_ADOPTION',
  },
});

beforeAll(async () => {
  stack = await startStack();
  ({ exporter, base } = await startExporterAtItsBase(stack));
  curator = stack.keys.curator;
  owner = await stack.keys.editorOf(organisations.smartHospital);
  practice = await publishNewPractice(stack, 'Harvested practice', owner, 'Changed in every way a harvester sees.');
  archived = await publishNewPractice(stack, 'Practice to archive', owner, 'Archived while a twinning transfers it.');
  unpublished = await publishNewPractice(stack, 'Practice to unpublish', owner, 'Unpublished by a curator.');
  deleted = await publishNewPractice(stack, 'Practice to delete', owner, 'Deleted by its owner.');
  adopter = await newOrganisation('Harvested adopter', 'HEALTHCARE_PROVIDER');
  network = await newOrganisation('Harvested network', 'ASSOCIATION_NETWORK');
  adopterKey = await stack.keys.editorOf(adopter);
  networkKey = await stack.keys.editorOf(network);
  plain = await newProject('HARVEST-PLAIN', { kind: 'RESEARCH_INNOVATION', programme: 'HORIZON_EUROPE' });
  twinning = await newProject('HARVEST-TWIN', twinningOf(practice));
  twinningOfArchived = await newProject('HARVEST-ARCH', twinningOf(archived));
  synced = await snapshot();
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

describe('an incremental harvest after each kind of change', () => {
  let adoption: string;

  it('finds the practice an adoption is added to', async () => {
    await afterChange(async () => {
      const added = await ok(
        `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`,
        {
          input: {
            practiceId: practice,
            adopterId: adopter,
            country: 'RO',
            scale: 'LOCAL',
            status: 'ONGOING',
            projectId: plain,
          },
        },
        owner,
      );
      adoption = added.addAdoption.id;
    }, [`practices/${practice}`]);
  });

  it('finds the practice whose adoption changes', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!) { updateAdoption(id: $id, version: 1, input: { status: ENDED, endDate: "2025-12-31" }) { id } }`,
        { id: adoption },
        owner,
      );
    }, [`practices/${practice}`]);
  });

  it('finds the practice whose adoption is removed', async () => {
    await afterChange(async () => {
      await ok(`mutation($id: UUID!) { removeAdoption(id: $id, version: 2) { id } }`, { id: adoption }, owner);
    }, [`practices/${practice}`]);
  });

  const ids = () => ({ practiceId: practice, organisationId: adopter });
  it('finds the practice a contributor accepts to contribute to', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($practiceId: UUID!, $organisationId: UUID!) {
          proposeContribution(practiceId: $practiceId, organisationId: $organisationId, role: IMPLEMENTER) { proposedAt } }`,
        ids(),
        owner,
      );
      await ok(
        `mutation($practiceId: UUID!, $organisationId: UUID!) {
          acceptContribution(practiceId: $practiceId, organisationId: $organisationId) { id } }`,
        ids(),
        adopterKey,
      );
    }, [`practices/${practice}`]);
  });

  it('finds the practice a contributor is withdrawn from', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($practiceId: UUID!, $organisationId: UUID!) {
          withdrawContribution(practiceId: $practiceId, organisationId: $organisationId) { id } }`,
        ids(),
        adopterKey,
      );
    }, [`practices/${practice}`]);
  });

  it('finds the practice a translation is added to, changed in and removed from, with a new version each time', async () => {
    const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
      updatePractice(id: $id, version: $version, input: $input) { version } }`;
    const french = { language: 'fr', title: 'Pratique moissonnée', summary: 'Changée de toutes les façons visibles.' };
    for (const translations of [[french], [{ ...french, title: 'Pratique moissonnée, retitrée' }], []]) {
      const version = await versionOf('practice', practice);
      await afterChange(async () => {
        await ok(UPDATE, { id: practice, version, input: { translations } }, curator);
      }, [`practices/${practice}`]);
      expect(await versionOf('practice', practice)).toBe(version + 1);
    }
  });

  it('finds the project a translation is added to', async () => {
    const version = await versionOf('project', plain);
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!, $input: UpdateProjectInput!) {
          updateProject(id: $id, version: $version, input: $input) { version } }`,
        { id: plain, version, input: { translations: [{ language: 'ro', title: 'Proiect recoltat' }] } },
        curator,
      );
    }, [`projects/${plain}`]);
    expect(await versionOf('project', plain)).toBe(version + 1);
  });

  it('finds the twinning a stage is added to, and removed from', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!) {
          addStage(id: $id, version: $version, stage: { name: "Study visit", startDate: "2025-02-03", endDate: "2025-02-07" }) { id } }`,
        { id: twinning, version: await versionOf('project', twinning) },
        curator,
      );
    }, [`projects/${twinning}`]);
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!) { removeStage(id: $id, version: $version, name: "Study visit") { id } }`,
        { id: twinning, version: await versionOf('project', twinning) },
        curator,
      );
    }, [`projects/${twinning}`]);
  });

  it('finds the project a participant joins, and leaves', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!, $organisationId: UUID!) {
          addParticipant(id: $id, version: $version, participant: { organisationId: $organisationId, role: PARTNER }) { id } }`,
        { id: plain, version: await versionOf('project', plain), organisationId: adopter },
        curator,
      );
    }, [`projects/${plain}`]);
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!, $organisationId: UUID!) {
          removeParticipant(id: $id, version: $version, organisationId: $organisationId) { id } }`,
        { id: plain, version: await versionOf('project', plain), organisationId: adopter },
        curator,
      );
    }, [`projects/${plain}`]);
  });

  it('finds the organisation whose identifier changes', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!) {
          updateOrganisation(id: $id, version: $version, input: { identifiers: [{ scheme: WIKIDATA, value: "Q1" }] }) { id } }`,
        { id: adopter, version: await versionOf('organisation', adopter) },
        curator,
      );
    }, [`organisations/${adopter}`]);
  });

  // A network's document does not list its members (a member's says what it is a member of), but its GraphQL
  // `members` changes, so its version moves and the feed lists it again, with the same document.
  it('finds the member when a membership is accepted, and ended; the network is listed again unchanged', async () => {
    await afterChange(
      async () => {
        await ok(
          `mutation($networkId: UUID!, $memberId: UUID!) { proposeMembership(networkId: $networkId, memberId: $memberId) { proposedAt } }`,
          { networkId: network, memberId: adopter },
          adopterKey,
        );
        await ok(
          `mutation($networkId: UUID!, $memberId: UUID!, $version: Int!) {
          acceptMembership(networkId: $networkId, memberId: $memberId, version: $version) { id } }`,
          { networkId: network, memberId: adopter, version: await versionOf('organisation', network) },
          networkKey,
        );
      },
      [`organisations/${adopter}`],
      [`organisations/${network}`],
    );
    await afterChange(
      async () => {
        await ok(
          `mutation($id: UUID!, $networkId: UUID!, $version: Int!) { leaveNetwork(id: $id, networkId: $networkId, version: $version) { id } }`,
          { id: adopter, networkId: network, version: await versionOf('organisation', adopter) },
          adopterKey,
        );
      },
      [`organisations/${adopter}`],
      [`organisations/${network}`],
    );
  });

  it('finds the twinning and the practice its completion records adoptions on', async () => {
    await afterChange(async () => {
      await ok(
        `mutation($id: UUID!, $version: Int!) { completeTwinning(id: $id, version: $version, outcome: "Adopted in Iasi.", scale: LOCAL) { id } }`,
        { id: twinning, version: await versionOf('project', twinning) },
        curator,
      );
    }, [`projects/${twinning}`, `practices/${practice}`]);
  });

  it('finds an archived practice (transferred by a twinning), an unpublished one and a deleted one', async () => {
    await afterChange(async () => {
      await ok(`mutation($id: UUID!) { archivePractice(id: $id, version: 3) { id } }`, { id: archived }, owner);
    }, [`practices/${archived}`]);
    expect(synced.get(`${base}/practices/${archived}`)?.status).toBe(410);
    // The twinning links the practice by its IRI, which now answers with the tombstone: its document is the same.
    expect(JSON.stringify(synced.get(`${base}/projects/${twinningOfArchived}`)?.body)).toContain(
      `"${base}/practices/${archived}"`,
    );
    await afterChange(async () => {
      await ok(`mutation($id: UUID!) { unpublishPractice(id: $id, version: 3) { id } }`, { id: unpublished }, curator);
    }, [`practices/${unpublished}`]);
    await afterChange(async () => {
      await ok(`mutation($id: UUID!) { deletePractice(id: $id, version: 3) { id } }`, { id: deleted }, owner);
    }, [`practices/${deleted}`]);
    for (const id of [unpublished, deleted]) expect(synced.get(`${base}/practices/${id}`)?.status).toBe(410);
  });
});
