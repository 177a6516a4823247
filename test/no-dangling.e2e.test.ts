// No dangling links: a reference into another subgraph is checked when it is written (an adoption's project exists,
// a twinning transfers only a published practice), a practice a twinning transfers may still leave the public
// registry (its link then answers with a tombstone), and every IRI under the deployment in a full dump answers 200
// or 410, never 404.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExporterServer, SubgraphSource, writeDump } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import n3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let exporter: ExporterServer;
let base: string;
let curator: string;
let owner: string;

beforeAll(async () => {
  stack = await startStack();
  ({ exporter, base } = await startExporterAtItsBase(stack));
  curator = stack.keys.curator;
  owner = await stack.keys.editorOf(organisations.smartHospital);
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

async function ok<T = any>(query: string, variables: Record<string, unknown>, key: string): Promise<T> {
  const response = await stack.gql(query, variables, { key });
  expect(response.errors, query).toBeUndefined();
  return response.data as T;
}

/** The one error a refused write answers with; it returned no data. */
async function refused(query: string, variables: Record<string, unknown>, key: string) {
  const response = await stack.gql(query, variables, { key });
  expect(response.errors).toHaveLength(1);
  expect(response.data ?? null).toBeNull();
  return response.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

const PRACTICE = `query($id: UUID!) { practice(id: $id) { version adoptions { id note project { id } } } }`;
const ADD = `mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`;
const adoptionInput = (practiceId: string, projectId?: string) => ({
  practiceId,
  adopterId: organisations.digitalInnovationZone,
  country: 'RO',
  scale: 'PILOT',
  status: 'ONGOING',
  ...(projectId ? { projectId } : {}),
});

async function newProject(acronym: string, extra: Record<string, unknown> = {}) {
  const created = await ok(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        acronym,
        title: `Project ${acronym}`,
        kind: 'RESEARCH_INNOVATION',
        programme: 'HORIZON_EUROPE',
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
  kind: 'TWINNING',
  programme: 'EU4HEALTH',
  twinning: {
    originatorId: organisations.smartHospital,
    adopterIds: [organisations.digitalEurope],
    practiceId,
    type: 'FULL_ADOPTION',
  },
});

async function deleteProject(id: string) {
  const { project } = await ok(`query($id: UUID!) { project(id: $id) { version } }`, { id }, curator);
  await ok(
    `mutation($id: UUID!, $version: Int!) { deleteProject(id: $id, version: $version) { id } }`,
    {
      id,
      version: project.version,
    },
    curator,
  );
}

describe('an adoption through a project', () => {
  it('is refused when the project does not exist or was deleted, and nothing is written', async () => {
    const practiceId = await publishNewPractice(stack, 'Adopted through projects', owner, 'Adoption checks.');
    const gone = await newProject('GONE-1');
    await deleteProject(gone);
    const before = (await ok(PRACTICE, { id: practiceId }, curator)).practice;
    for (const projectId of [randomUUID(), gone]) {
      const error = await refused(ADD, { input: adoptionInput(practiceId, projectId) }, owner);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
      expect(error.message).toContain(`project ${projectId} does not exist`);
    }
    expect((await ok(PRACTICE, { id: practiceId }, curator)).practice).toEqual(before);
  });

  it('is recorded with a live project, and cannot be changed to name a missing one', async () => {
    const practiceId = await publishNewPractice(stack, 'Adopted through a live project', owner, 'Adoption checks.');
    const projectId = await newProject('LIVE-1');
    const { addAdoption } = await ok(ADD, { input: adoptionInput(practiceId, projectId) }, owner);
    const before = (await ok(PRACTICE, { id: practiceId }, curator)).practice;
    expect(before.adoptions).toEqual([{ id: addAdoption.id, note: null, project: { id: projectId } }]);
    const missing = randomUUID();
    const error = await refused(
      `mutation($id: UUID!, $projectId: UUID!) { updateAdoption(id: $id, version: 1, input: { projectId: $projectId, note: "moved" }) { id } }`,
      { id: addAdoption.id, projectId: missing },
      owner,
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    expect((await ok(PRACTICE, { id: practiceId }, curator)).practice).toEqual(before);
    const other = await newProject('LIVE-2');
    await ok(
      `mutation($id: UUID!, $projectId: UUID!) { updateAdoption(id: $id, version: 1, input: { projectId: $projectId }) { id } }`,
      { id: addAdoption.id, projectId: other },
      owner,
    );
    expect((await ok(PRACTICE, { id: practiceId }, curator)).practice.adoptions[0].project).toEqual({ id: other });
  });
});

describe('a twinning', () => {
  const countTwinnings = async () =>
    (await ok(`{ projects(first: 100, filter: { kinds: [TWINNING] }) { totalCount } }`, {}, curator)).projects
      .totalCount as number;

  it('may transfer only a published practice: a draft or an archived one is refused', async () => {
    const draft = (
      await ok(
        `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
        {
          input: {
            title: 'Draft practice',
            summary: 'Not public yet.',
            type: 'APP',
            maturity: 'PILOT',
            ownerId: organisations.smartHospital,
          },
        },
        owner,
      )
    ).registerPractice.id as string;
    const archived = await publishNewPractice(stack, 'Archived before twinning', owner, 'No longer public.');
    await ok(`mutation($id: UUID!) { archivePractice(id: $id, version: 3) { id } }`, { id: archived }, owner);
    const count = await countTwinnings();
    for (const [index, practiceId] of [draft, archived].entries()) {
      const error = await refused(
        `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
        {
          input: {
            acronym: `DRAFT-TWIN-${index}`,
            title: 'Twinning of a practice that is not public',
            participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
            ...twinningOf(practiceId),
          },
        },
        curator,
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'twinning.practiceId' });
      expect(error.message).toMatch(/only a published practice/);
    }
    expect(await countTwinnings()).toBe(count);
  });

  it('keeps working when the practice it transfers is archived: the link reads null and its IRI answers 410', async () => {
    const practiceId = await publishNewPractice(stack, 'Transferred, then archived', owner, 'Leaves the registry.');
    const projectId = await newProject('ARCH-TWIN', twinningOf(practiceId));
    await ok(`mutation($id: UUID!) { archivePractice(id: $id, version: 3) { id } }`, { id: practiceId }, owner);
    const answer = await stack.gql(`{ twinnings { id twinning { practice { id title } } } }`);
    expect(answer.errors).toBeUndefined();
    const twinnings = (answer.data?.twinnings ?? []) as { id: string; twinning: { practice: unknown } }[];
    const twinning = twinnings.find((project) => project.id === projectId);
    expect(twinning).toBeDefined();
    expect(twinning?.twinning.practice).toBeNull();
    const record = await fetch(`${base}/projects/${projectId}`, { headers: { accept: 'application/ld+json' } });
    expect(record.status).toBe(200);
    expect(await record.text()).toContain(`"${base}/practices/${practiceId}"`);
    expect((await fetch(`${base}/practices/${practiceId}`)).status).toBe(410);
  });
});

describe('a full dump', () => {
  it('names under the deployment only IRIs that answer 200 or 410', async () => {
    // Records that left the registry in each way, and links to them from records that stay.
    const archived = await publishNewPractice(
      stack,
      'Dumped then archived',
      owner,
      'Archived after the dump is planned.',
    );
    const unpublished = await publishNewPractice(
      stack,
      'Dumped then unpublished',
      owner,
      'Unpublished after the dump is planned.',
    );
    const deleted = await publishNewPractice(stack, 'Dumped then deleted', owner, 'Deleted after the dump is planned.');
    const adopted = await publishNewPractice(stack, 'Dumped and adopted', owner, 'Adopted through a project.');
    const through = await newProject('DUMP-THROUGH');
    await ok(ADD, { input: adoptionInput(adopted, through) }, owner);
    await newProject('DUMP-TWIN', twinningOf(archived));
    await ok(`mutation($id: UUID!) { archivePractice(id: $id, version: 3) { id } }`, { id: archived }, owner);
    await ok(`mutation($id: UUID!) { unpublishPractice(id: $id, version: 3) { id } }`, { id: unpublished }, curator);
    await ok(`mutation($id: UUID!) { deletePractice(id: $id, version: 3) { id } }`, { id: deleted }, owner);
    await deleteProject(through);
    const dumpDir = mkdtempSync(join(tmpdir(), 'radar-dangling-'));
    try {
      const out = join(dumpDir, 'radar.nt');
      await writeDump({
        source: new SubgraphSource(stack.urls, stack.signer),
        context: { base },
        format: 'ntriples',
        gzip: false,
        out,
      });
      const quads = new n3.Parser({ format: 'application/n-triples' }).parse(readFileSync(out, 'utf8'));
      const iris = new Set<string>();
      for (const quad of quads) {
        for (const term of [quad.subject, quad.predicate, quad.object]) {
          if (term.termType === 'NamedNode' && term.value.startsWith(`${base}/`))
            iris.add(term.value.replace(/#.*$/, ''));
        }
      }
      // The links that left the registry are among them, so the check reaches tombstones too.
      expect([...iris]).toEqual(
        expect.arrayContaining([`${base}/practices/${archived}`, `${base}/projects/${through}`]),
      );
      const statuses = new Map<string, number>();
      for (const iri of iris) statuses.set(iri, (await fetch(iri, { method: 'HEAD' })).status);
      const broken = [...statuses].filter(([, status]) => status !== 200 && status !== 410);
      expect(broken).toEqual([]);
      expect(statuses.get(`${base}/practices/${archived}`)).toBe(410);
      expect(statuses.get(`${base}/projects/${through}`)).toBe(410);
    } finally {
      rmSync(dumpDir, { recursive: true, force: true });
    }
  });
});
