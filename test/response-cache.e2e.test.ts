// The gateway's response cache over real HTTP: anonymous reads come from it, authenticated ones never do, and a read
// after a write — of each entity type, across subgraphs, through another gateway replica or past every gateway — is
// answered with the new value.
import { CACHE_HEADER, type GatewayService, loadGatewayConfig, startGateway } from '@radar/gateway';
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds as practices } from '@radar/practices';
import { projectSeedIds as projects } from '@radar/projects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

let stack: Stack;
let replica: GatewayService;
let replicaUrl: string;

beforeAll(async () => {
  stack = await startStack();
  // A second gateway over the same subgraphs, as docker compose runs two.
  replica = await startGateway(loadGatewayConfig(stack.environment));
  replicaUrl = `${replica.server.url}/graphql`;
});
afterAll(async () => {
  await replica?.stop();
  await stack?.stop();
});

/** SQL statements each subgraph ran while `work` ran. */
async function statementsDuring(work: () => Promise<unknown>) {
  const services = { organisations: stack.organisations, practices: stack.practices, projects: stack.projects };
  const before = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.db.statements.total]));
  await work();
  return Object.fromEntries(
    Object.entries(services).map(([name, s]) => [name, s.db.statements.total - (before[name] as number)]),
  ) as Record<keyof typeof services, number>;
}

/** Reads twice anonymously; the second answer must come from the cache, equal to the first. */
async function cached(query: string, variables: Record<string, unknown> = {}, url = stack.gatewayUrl) {
  const first = await stack.gql(query, variables, { url });
  expect(first.errors).toBeUndefined();
  const second = await stack.gql(query, variables, { url });
  expect(second.headers.get(CACHE_HEADER)).toBe('HIT');
  expect(second.data).toEqual(first.data);
  return first.data as Record<string, any>;
}

async function read(query: string, variables: Record<string, unknown> = {}, url = stack.gatewayUrl) {
  const response = await stack.gql(query, variables, { url });
  expect(response.errors).toBeUndefined();
  expect(response.headers.get(CACHE_HEADER)).not.toBe('HIT');
  return response.data as Record<string, any>;
}

async function write(query: string, variables: Record<string, unknown>, url = stack.gatewayUrl) {
  const response = await stack.gql(query, variables, { key: stack.keys.curator, url });
  expect(response.errors).toBeUndefined();
  return response.data as Record<string, any>;
}

const ORGANISATION = `query($id: UUID!) { organisation(id: $id) { id name version } }`;
const RENAME_ORGANISATION = `mutation($id: UUID!, $version: Int!, $name: String!) {
  updateOrganisation(id: $id, version: $version, input: { name: $name }) { version } }`;

describe('anonymous reads', () => {
  it('are served from the cache, with an age, without asking the subgraphs for data', async () => {
    const query = `{ organisations(first: 5) { totalCount nodes { id name practices { nodes { title } } } } }`;
    const miss = await stack.gql(query);
    expect(miss.headers.get(CACHE_HEADER)).toBe('MISS');
    let hit: Awaited<ReturnType<Stack['gql']>> | undefined;
    const statements = await statementsDuring(async () => {
      hit = await stack.gql(query);
    });
    expect(hit?.headers.get(CACHE_HEADER)).toBe('HIT');
    expect(Number(hit?.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(hit?.data).toEqual(miss.data);
    // Only each subgraph's data generation was read (one statement each), no data.
    expect(statements).toEqual({ organisations: 1, practices: 1, projects: 1 });
  });

  it('keep different variables and operations apart', async () => {
    const a = await cached(ORGANISATION, { id: organisations.smartHospital });
    const b = await cached(ORGANISATION, { id: organisations.eitHealth });
    expect(a.organisation.id).toBe(organisations.smartHospital);
    expect(b.organisation.id).toBe(organisations.eitHealth);
  });

  it('stay cached while only a subgraph they do not read from changes', async () => {
    const query = `query($id: UUID!) { organisation(id: $id) { name kind } }`;
    await cached(query, { id: organisations.digitalInnovationZone });
    const project = await read(`query($id: UUID!) { project(id: $id) { version } }`, {
      id: projects.digitalHealthUptake,
    });
    await write(
      `mutation($id: UUID!, $version: Int!) { updateProject(id: $id, version: $version, input: { website: "https://example.org/uptake" }) { version } }`,
      { id: projects.digitalHealthUptake, version: project.project.version },
    );
    const again = await stack.gql(query, { id: organisations.digitalInnovationZone });
    expect(again.headers.get(CACHE_HEADER)).toBe('HIT');
  });
});

describe('authenticated reads', () => {
  it('neither read nor fill the cache', async () => {
    const query = `{ organisation(id: "${organisations.digitalEurope}") { name acronym } }`;
    await cached(query);
    for (let round = 0; round < 2; round++) {
      let answer: Awaited<ReturnType<Stack['gql']>> | undefined;
      const statements = await statementsDuring(async () => {
        answer = await stack.gql(query, {}, { key: stack.keys.curator });
      });
      expect(answer?.headers.get(CACHE_HEADER)).toBe('BYPASS');
      expect(answer?.errors).toBeUndefined();
      expect(statements.organisations).toBeGreaterThan(0);
    }
  });
});

describe('a read after a write', () => {
  it('shows an organisation’s new name', async () => {
    const before = await cached(ORGANISATION, { id: organisations.smartHospital });
    await write(RENAME_ORGANISATION, {
      id: organisations.smartHospital,
      version: before.organisation.version,
      name: 'Smart Hospital of Iași',
    });
    const after = await read(ORGANISATION, { id: organisations.smartHospital });
    expect(after.organisation.name).toBe('Smart Hospital of Iași');
  });

  it('shows a practice’s new title', async () => {
    const query = `query($id: UUID!) { practice(id: $id) { title version } }`;
    const before = await cached(query, { id: practices.moonshot2027 });
    await write(
      `mutation($id: UUID!, $version: Int!) { updatePractice(id: $id, version: $version, input: { title: "Moonshot 2030" }) { version } }`,
      { id: practices.moonshot2027, version: before.practice.version },
    );
    const after = await read(query, { id: practices.moonshot2027 });
    expect(after.practice.title).toBe('Moonshot 2030');
  });

  it('shows a project’s new title', async () => {
    const query = `query($id: UUID!) { project(id: $id) { title version } }`;
    const before = await cached(query, { id: projects.entrust });
    await write(
      `mutation($id: UUID!, $version: Int!) { updateProject(id: $id, version: $version, input: { title: "ENTRUST, renewed" }) { version } }`,
      { id: projects.entrust, version: before.project.version },
    );
    const after = await read(query, { id: projects.entrust });
    expect(after.project.title).toBe('ENTRUST, renewed');
  });

  it('shows a new adoption under the adopter, an organisation served by another subgraph', async () => {
    const query = `query($id: UUID!) { organisation(id: $id) { name adoptions { country scale practice { title } } } }`;
    const before = await cached(query, { id: organisations.eitHealth });
    await write(`mutation($input: AddAdoptionInput!) { addAdoption(input: $input) { id } }`, {
      input: {
        practiceId: practices.smartHospitalPlatform,
        adopterId: organisations.eitHealth,
        country: 'SE',
        scale: 'REGIONAL',
        status: 'ONGOING',
        startDate: '2025-01-01',
      },
    });
    const after = await read(query, { id: organisations.eitHealth });
    expect(after.organisation.adoptions).toHaveLength(before.organisation.adoptions.length + 1);
    expect(after.organisation.adoptions).toContainEqual({
      country: 'SE',
      scale: 'REGIONAL',
      practice: { title: expect.any(String) },
    });
  });

  it('shows the adoptions a completed twinning recorded through the practices subgraph', async () => {
    const created = await write(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`,
      {
        input: {
          acronym: 'Cache Twinning',
          title: 'A twinning whose completion the cache must see',
          kind: 'TWINNING',
          programme: 'EU4HEALTH',
          startDate: '2025-01-06',
          endDate: '2025-06-30',
          participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
          twinning: {
            originatorId: organisations.smartHospital,
            adopterIds: [organisations.digitalInnovationZone],
            practiceId: practices.smartHospitalPlatform,
            type: 'FULL_ADOPTION',
            stages: [{ name: 'Deployment', startDate: '2025-01-06', endDate: '2025-06-30' }],
          },
        },
      },
    );
    const id = created.createProject.id as string;
    const query = `query($id: UUID!, $adopter: UUID!) {
      project(id: $id) { twinning { completedAt adopters { adoption { status } } } }
      organisation(id: $adopter) { adoptions { project { id } } } }`;
    const variables = { id, adopter: organisations.digitalInnovationZone };
    const before = await cached(query, variables);
    expect(before.project.twinning).toMatchObject({ completedAt: null, adopters: [{ adoption: null }] });
    await write(
      `mutation($id: UUID!) { completeTwinning(id: $id, version: 1, outcome: "Adopted.", scale: LOCAL) { id } }`,
      { id },
    );
    const after = await read(query, variables);
    expect(after.project.twinning.completedAt).not.toBeNull();
    // A full adoption is in use from the twinning on.
    expect(after.project.twinning.adopters).toEqual([{ adoption: { status: 'ONGOING' } }]);
    expect(after.organisation.adoptions).toContainEqual({ project: { id } });
  });

  it('through one gateway replica is seen through the other', async () => {
    const before = await cached(ORGANISATION, { id: organisations.digitalEurope }, replicaUrl);
    await write(RENAME_ORGANISATION, {
      id: organisations.digitalEurope,
      version: before.organisation.version,
      name: 'DIGITALEUROPE, renamed',
    });
    const after = await read(ORGANISATION, { id: organisations.digitalEurope }, replicaUrl);
    expect(after.organisation.name).toBe('DIGITALEUROPE, renamed');
  });

  it('made past every gateway, straight in the database as an import would, is seen too', async () => {
    const before = await cached(ORGANISATION, { id: organisations.eitHealth });
    await stack.organisations.db.orm.em
      .getConnection()
      .execute(`update organisation set name = 'EIT Health e.V.' where id = ?`, [organisations.eitHealth]);
    const after = await read(ORGANISATION, { id: organisations.eitHealth });
    expect(after.organisation).toEqual({ ...before.organisation, name: 'EIT Health e.V.' });
    await cached(ORGANISATION, { id: organisations.eitHealth });
  });
});

describe('settings', () => {
  async function gatewayWith(env: Record<string, string>) {
    return startGateway(loadGatewayConfig({ ...stack.environment, ...env }));
  }

  it('serve an answer again for RESPONSE_CACHE_TTL seconds at most', async () => {
    const gateway = await gatewayWith({ RESPONSE_CACHE_TTL: '1' });
    try {
      const url = `${gateway.server.url}/graphql`;
      await cached(ORGANISATION, { id: organisations.smartHospital }, url);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const expired = await stack.gql(ORGANISATION, { id: organisations.smartHospital }, { url });
      expect(expired.headers.get(CACHE_HEADER)).toBe('MISS');
    } finally {
      await gateway.stop();
    }
  });

  it('turn the cache off with RESPONSE_CACHE=false', async () => {
    const gateway = await gatewayWith({ RESPONSE_CACHE: 'false' });
    try {
      const url = `${gateway.server.url}/graphql`;
      for (let round = 0; round < 2; round++) {
        const answer = await stack.gql(ORGANISATION, { id: organisations.smartHospital }, { url });
        expect(answer.errors).toBeUndefined();
        expect(answer.headers.get(CACHE_HEADER)).toBeNull();
      }
    } finally {
      await gateway.stop();
    }
  });
});
