// Completing a twinning claims it first, through the gateway: of concurrent completions one wins and the others are
// refused before anything is written anywhere; only a real failure of the practices subgraph is rolled back. The
// projects subgraph reaches the practices subgraph through a proxy here, so a test can hold or cut its requests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedIds as organisations } from '@radar/organisations';
import { practiceSeedIds as practices } from '@radar/practices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewPractice, type Stack, startStack } from './support/stack.js';

/** Forwards to the practices subgraph; `onAdoption` decides what happens to each adoption the projects side records. */
class PracticesProxy {
  target = '';
  url = '';
  onAdoption: (() => Promise<'forward' | 'cut'>) | null = null;
  private readonly server: Server = createServer((request, response) => {
    void this.forward(request).then(
      (answer) => {
        if (!answer) {
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      },
      () => request.socket.destroy(),
    );
  });

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  private async forward(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.onAdoption && body.includes('RadarRecordAdoption') && (await this.onAdoption()) === 'cut') return null;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && !['host', 'content-length', 'connection'].includes(entry[0]),
      ),
    );
    const answer = await fetch(this.target, { method: 'POST', headers, body });
    return { status: answer.status, body: await answer.text() };
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const proxy = new PracticesProxy();
let stack: Stack;

beforeAll(async () => {
  await proxy.start();
  stack = await startStack({
    addressFor: (caller, called, url) => {
      if (caller !== 'projects' || called !== 'practices') return url;
      proxy.target = url;
      return proxy.url;
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await proxy.stop();
});

const adopterIds = [organisations.digitalInnovationZone, organisations.digitalEurope];

/** A published practice of Smart Hospital's, the originator of every twinning here. */
async function smartHospitalPractice(name: string) {
  const editor = await stack.keys.editorOf(organisations.smartHospital);
  return publishNewPractice(stack, `Practice transferred by ${name}`, editor, 'Transferred by a twinning.');
}

/** A twinning of its own practice: the same adopters taking up one practice twice over an overlapping period is refused. */
async function newTwinning(acronym: string, practiceId: string) {
  const created = await stack.gql(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`,
    {
      input: {
        acronym,
        title: `Twinning ${acronym}`,
        kind: 'TWINNING',
        programme: 'EU4HEALTH',
        startDate: '2025-01-06',
        endDate: '2025-06-30',
        participants: [{ organisationId: organisations.digitalInnovationZone, role: 'COORDINATOR' }],
        twinning: {
          originatorId: organisations.smartHospital,
          adopterIds,
          practiceId,
          type: 'FULL_ADOPTION',
        },
      },
    },
    { key: stack.keys.curator },
  );
  expect(created.errors).toBeUndefined();
  return created.data?.createProject.id as string;
}

const COMPLETE = `mutation($id: UUID!, $version: Int!) { completeTwinning(id: $id, version: $version, outcome: "Adopted.", scale: LOCAL) {
  version twinning { completedAt adopters { adoption { id } } } } }`;

/** Live adoptions of the transferred practice recorded through the twinning `projectId`. */
async function adoptionsOf(projectId: string, practiceId: string) {
  const answer = await stack.gql(`query($id: UUID!) { practice(id: $id) { adoptions { id project { id } } } }`, {
    id: practiceId,
  });
  expect(answer.errors).toBeUndefined();
  return ((answer.data?.practice.adoptions ?? []) as { id: string; project: { id: string } | null }[]).filter(
    (adoption) => adoption.project?.id === projectId,
  );
}

/** The practice's audit entries about adoptions recorded through `projectId`, by action. */
async function historyOf(projectId: string, practiceId: string) {
  const answer = await stack.gql(
    `query($id: UUID!) { practice(id: $id) { history { action changes } } }`,
    { id: practiceId },
    { key: stack.keys.curator },
  );
  expect(answer.errors).toBeUndefined();
  const counts: Record<string, number> = {};
  for (const event of (answer.data?.practice.history ?? []) as { action: string; changes: string }[]) {
    const changes = Object.values(
      JSON.parse(event.changes) as Record<
        string,
        { from: { projectId?: string } | null; to: { projectId?: string } | null }
      >,
    );
    if (changes.some((change) => (change.to ?? change.from)?.projectId === projectId)) {
      counts[event.action] = (counts[event.action] ?? 0) + 1;
    }
  }
  return counts;
}

async function twinningState(id: string) {
  const answer = await stack.gql(`{ project(id: "${id}") { version twinning { completedAt } } }`);
  return answer.data?.project;
}

describe('completing a twinning', () => {
  it('lets one of 20 concurrent completions win; the others are refused and write nothing anywhere', async () => {
    const practice = practices.smartHospitalPlatform;
    const id = await newTwinning('CLAIM-20', practice);
    let done = false;
    let polls = 0;
    let most = 0;
    const poller = (async () => {
      while (!done || polls < 3) {
        most = Math.max(most, (await adoptionsOf(id, practice)).length);
        polls++;
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator })),
    );
    done = true;
    await poller;

    const won = answers.filter((answer) => !answer.errors);
    const refused = answers.filter((answer) => answer.errors);
    expect(won).toHaveLength(1);
    expect(won[0]?.data?.completeTwinning.version).toBe(2);
    expect(refused).toHaveLength(19);
    for (const answer of refused) expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    expect(most).toBeLessThanOrEqual(adopterIds.length);
    const recorded = await adoptionsOf(id, practice);
    expect(recorded.map((adoption) => adoption.id).sort()).toEqual(
      won[0]?.data?.completeTwinning.twinning.adopters
        .map((adopter: { adoption: { id: string } }) => adopter.adoption.id)
        .sort(),
    );
    expect(await historyOf(id, practice)).toEqual({ ADOPTION_ADDED: adopterIds.length });
  });

  it('refuses other writes and completions while a completion holds its claim', async () => {
    const practice = await smartHospitalPractice('CLAIM-HELD');
    const id = await newTwinning('CLAIM-HELD', practice);
    let release = () => {};
    let reached = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const recording = new Promise<void>((resolve) => {
      reached = resolve;
    });
    proxy.onAdoption = async () => {
      reached();
      await held;
      return 'forward';
    };
    try {
      const completing = stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator });
      await recording;
      const second = await stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator });
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
      const update = await stack.gql(
        `mutation { updateProject(id: "${id}", version: 1, input: { title: "Changed meanwhile" }) { version } }`,
        {},
        { key: stack.keys.curator },
      );
      expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
      release();
      expect((await completing).errors).toBeUndefined();
    } finally {
      proxy.onAdoption = null;
      release();
    }
    expect(await twinningState(id)).toEqual({ version: 2, twinning: { completedAt: expect.any(String) } });
    expect(await historyOf(id, practice)).toEqual({ ADOPTION_ADDED: adopterIds.length });
  });

  it('takes the adoptions back when the practices subgraph fails mid-completion, and can be completed again', async () => {
    const practice = await smartHospitalPractice('CLAIM-FAIL');
    const id = await newTwinning('CLAIM-FAIL', practice);
    let seen = 0;
    proxy.onAdoption = async () => (++seen === 2 ? 'cut' : 'forward');
    try {
      const failed = await stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator });
      expect(failed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      proxy.onAdoption = null;
    }
    expect(seen).toBe(2);
    expect(await adoptionsOf(id, practice)).toEqual([]);
    expect(await twinningState(id)).toEqual({ version: 1, twinning: { completedAt: null } });
    // The first adoption was recorded before the failure and taken back: the one rollback a real failure needs.
    expect(await historyOf(id, practice)).toEqual({ ADOPTION_ADDED: 1, ADOPTION_REMOVED: 1 });

    const again = await stack.gql(COMPLETE, { id, version: 1 }, { key: stack.keys.curator });
    expect(again.errors).toBeUndefined();
    expect(again.data?.completeTwinning.twinning.completedAt).toEqual(expect.any(String));
    expect(await adoptionsOf(id, practice)).toHaveLength(adopterIds.length);
    expect(await historyOf(id, practice)).toEqual({ ADOPTION_ADDED: 1 + adopterIds.length, ADOPTION_REMOVED: 1 });
  });
});
