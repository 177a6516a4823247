// Faults under load, through the real gateway on a PostgreSQL server of the test's own: the database restarted under
// a stream of writes, and a subgraph killed under reads. An outage is answered 503 SERVICE_UNAVAILABLE with
// Retry-After (or, where part of a query can still be answered, partial data with that code on the failing paths),
// nothing acknowledged is lost, no request hangs, and everything recovers without a restart.
import { anonymous, type Caller, textArray } from '@radar/common';
import { seedIds as organisations } from '@radar/organisations';
import { linkedProjectIds, practiceSeedIds } from '@radar/practices';
import { loadConfig as loadProjectsConfig, type ProjectsService, startProjects } from '@radar/projects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnPostgres, startOwnPostgres } from './support/postgres.js';
import { type Stack, signedFor, startStack } from './support/stack.js';

/** Every request gives up after this long, so a hung one fails the test instead of stalling it. */
const CLIENT_TIMEOUT_MS = 8_000;

let postgres: OwnPostgres;
let stack: Stack;

beforeAll(async () => {
  postgres = await startOwnPostgres();
  stack = await startStack({ env: { DATABASE_URL: postgres.url } });
});

afterAll(async () => {
  try {
    // A stop that hangs (a connection never given back) must not keep the server of this test alive.
    await Promise.race([stack?.stop(), new Promise((resolve) => setTimeout(resolve, 20_000))]);
  } finally {
    await postgres?.destroy();
  }
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
  /** Calls a subgraph straight, with a token for this caller as the gateway would send. */
  signAs?: Caller,
): Promise<Answer> {
  const sent = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signAs ? signedFor(stack, sent, signAs) : {}), ...headers },
    body: sent,
    signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function readiness(url: string) {
  const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
  return { status: response.status, body: (await response.json()) as { status: string } };
}

/** How many connections a service has checked out of its pool. */
async function checkedOut(service: Stack['identity']) {
  const connection = service.db.orm.em.getConnection() as unknown as {
    getNativeClient(): Promise<{ totalCount: number; idleCount: number }>;
  };
  const pool = await connection.getNativeClient();
  return pool.totalCount - pool.idleCount;
}

function services() {
  return [stack.identity, stack.organisations, stack.practices, stack.projects].map((service) => service.server.url);
}

/** Waits until `done()` holds, checking every 50 ms; fails after `ms`. */
async function until(what: string, done: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An answer that refuses for an outage: 503, SERVICE_UNAVAILABLE on every error, a Retry-After in seconds. */
function expectOutage(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toMatch(/^[1-9]\d*$/);
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  for (const error of answer.body.errors ?? []) expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
}

const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const REGISTER_PRACTICE = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`;
const ORGANISATION_COUNT = '{ organisations(first: 5) { totalCount nodes { id } } }';
const PRACTICE_COUNT = '{ practices(first: 5) { totalCount } }';

type Written = 'organisation' | 'practice';

describe('PostgreSQL restarted under a stream of writes', () => {
  it('refuses writes with 503 and Retry-After while it is down, loses no acknowledged write, and recovers', async () => {
    const acknowledged: { table: Written; id: string }[] = [];
    const refused: Answer[] = [];
    const reads: Answer[] = [];
    const unanswered: string[] = [];
    let writing = true;
    let sent = 0;
    const MAX_REQUESTS = 4_000;

    const write = async (table: Written, n: number) => {
      const answer =
        table === 'organisation'
          ? await post(
              stack.gatewayUrl,
              CREATE_ORGANISATION,
              { input: { name: `Fault test organisation ${n}`, kind: 'COMPANY', country: 'RO' } },
              bearer(stack.keys.curator),
            )
          : await post(
              stack.gatewayUrl,
              REGISTER_PRACTICE,
              {
                input: {
                  title: `Fault test practice ${n}`,
                  summary: 'Written while the database restarts.',
                  type: 'METHOD_TOOL',
                  maturity: 'PILOT',
                  ownerId: organisations.smartHospital,
                },
              },
              bearer(stack.keys.curator),
            );
      const id = answer.body.data?.createOrganisation?.id ?? answer.body.data?.registerPractice?.id;
      if (answer.status === 200 && !answer.body.errors && typeof id === 'string') acknowledged.push({ table, id });
      else refused.push(answer);
    };
    const client = async (task: (n: number) => Promise<void>) => {
      while (writing && sent < MAX_REQUESTS) {
        const n = sent++;
        await task(n).catch((error: Error) => unanswered.push(`${error.name}: ${error.message}`));
      }
    };
    const clients = [
      client((n) => write('organisation', n)),
      client((n) => write('practice', n)),
      client((n) => write('organisation', n)),
      client(async (n) => {
        reads.push(await post(stack.gatewayUrl, n % 2 ? ORGANISATION_COUNT : PRACTICE_COUNT, {}));
      }),
    ];

    try {
      await until('writes before the restart', () => acknowledged.length >= 10, 15_000);
      await postgres.stop('fast');
      try {
        const downSince = { refused: refused.length, reads: reads.length };
        for (const url of services()) {
          const ready = await readiness(url);
          expect(ready.status, url).toBe(503);
          expect(ready.body.status).toBe('not ready');
        }
        // Each subgraph answers the outage itself, for reads and writes alike.
        for (const [url, query] of [
          [stack.organisationsUrl, ORGANISATION_COUNT],
          [stack.practicesUrl, PRACTICE_COUNT],
          [stack.projectsUrl, '{ projects(first: 5) { totalCount } }'],
        ] as const) {
          expectOutage(await post(url, query, {}, {}, anonymous));
        }
        const curator: Caller = { kind: 'key', id: 'fault', label: 'f', curator: true, organisations: [] };
        expectOutage(
          await post(
            stack.organisationsUrl,
            CREATE_ORGANISATION,
            { input: { name: 'Written straight to the subgraph', kind: 'COMPANY', country: 'RO' } },
            {},
            curator,
          ),
        );
        await until(
          'writes and reads refused during the outage',
          () => refused.length >= downSince.refused + 5 && reads.length >= downSince.reads + 3,
          8_000,
        );
      } finally {
        await postgres.start();
      }
      await until(
        'every service ready again',
        async () => (await Promise.all(services().map(readiness))).every((ready) => ready.status === 200),
        20_000,
      );
      const recoveredAt = acknowledged.length;
      await until(
        'writes of both kinds after the restart',
        () =>
          acknowledged.slice(recoveredAt).some((write) => write.table === 'organisation') &&
          acknowledged.slice(recoveredAt).some((write) => write.table === 'practice') &&
          acknowledged.length >= recoveredAt + 10,
        10_000,
      );
    } finally {
      writing = false;
      await Promise.all(clients);
    }

    expect(unanswered).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expectOutage(answer);
      expect(answer.body.data ?? null).toBeNull();
    }
    const failedReads = reads.filter((answer) => answer.status !== 200);
    expect(failedReads.length).toBeGreaterThan(0);
    for (const answer of failedReads) expectOutage(answer);
    for (const answer of reads.filter((read) => read.status === 200)) expect(answer.body.errors).toBeUndefined();

    // A connection lost mid-transaction must go back to the pool, or each restart would shrink it for good.
    await until(
      'every pooled connection back in its pool',
      async () => {
        const held = [stack.identity, stack.organisations, stack.practices, stack.projects].map(checkedOut);
        return (await Promise.all(held)).every((count) => count === 0);
      },
      5_000,
    );

    for (const [table, service] of [
      ['organisation', stack.organisations],
      ['practice', stack.practices],
    ] as const) {
      const ids = acknowledged.filter((write) => write.table === table).map((write) => write.id);
      const rows = await service.db.orm.em
        .fork()
        .getConnection()
        .execute<{ id: string }[]>(`select id from ${table} where id = any(?::uuid[])`, [textArray(ids)]);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(ids));
    }
  });
});

const ORGANISATION = `query($o: UUID!) { organisation(id: $o) { id name } }`;
const ORGANISATION_AND_PROJECT = `query($o: UUID!, $p: UUID!) { organisation(id: $o) { id name } project(id: $p) { id title } }`;
const PRACTICE_WITH_PROJECTS = `query($id: UUID!) { practice(id: $id) { id title adoptions { id project { id title } } } }`;
const PROJECT = `query($p: UUID!) { project(id: $p) { id title } }`;
const reads = {
  organisation: [ORGANISATION, { o: organisations.smartHospital }],
  organisationAndProject: [
    ORGANISATION_AND_PROJECT,
    { o: organisations.smartHospital, p: linkedProjectIds.smartHospitalTwinning },
  ],
  practiceWithProjects: [PRACTICE_WITH_PROJECTS, { id: practiceSeedIds.smartHospitalPlatform }],
  project: [PROJECT, { p: linkedProjectIds.smartHospitalTwinning }],
} as const;
type Read = keyof typeof reads;
type Phase = 'up' | 'down' | 'restarted';

describe('a subgraph killed under load', () => {
  it('answers what it can without it, never hangs, and recovers when it is back on its port', async () => {
    const answers: { read: Read; phase: Phase; answer: Answer }[] = [];
    const unanswered: string[] = [];
    let phase: Phase | 'changing' = 'up';
    let reading = true;
    let sent = 0;
    const names = Object.keys(reads) as Read[];
    const reader = async (offset: number) => {
      for (let turn = offset; reading && sent < 4_000; turn++) {
        sent++;
        const read = names[turn % names.length] as Read;
        const startedIn = phase;
        const [query, variables] = reads[read];
        try {
          const answer = await post(stack.gatewayUrl, query, variables);
          // Only answers begun and ended within one phase say what that phase looks like.
          if (startedIn !== 'changing' && phase === startedIn) answers.push({ read, phase: startedIn, answer });
        } catch (error) {
          unanswered.push(`${read}: ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
    };
    const count = (wanted: Phase) => (read: Read) =>
      answers.filter((entry) => entry.phase === wanted && entry.read === read).length;
    const everyReadSeen = (wanted: Phase, times: number) => () => names.every((read) => count(wanted)(read) >= times);

    const port = stack.projects.server.port;
    let restarted: ProjectsService | undefined;
    const readers = [0, 1, 2, 3].map(reader);
    try {
      await until('reads with every subgraph up', everyReadSeen('up', 2), 10_000);
      phase = 'changing';
      await stack.projects.server.close();
      phase = 'down';
      await until('reads with the projects subgraph down', everyReadSeen('down', 3), 10_000);
      phase = 'changing';
      restarted = await startProjects(loadProjectsConfig({ ...stack.environment, PROJECTS_PORT: String(port) }), {
        seed: false,
      });
      phase = 'restarted';
      await until('reads after the projects subgraph is back', everyReadSeen('restarted', 3), 10_000);
    } finally {
      reading = false;
      await Promise.all(readers);
      await restarted?.stop();
    }

    expect(unanswered).toEqual([]);
    for (const { read, phase: seen, answer } of answers) {
      const label = `${read} (${seen})`;
      if (seen !== 'down' || read === 'organisation') {
        expect(answer.status, label).toBe(200);
        expect(answer.body.errors, label).toBeUndefined();
        continue;
      }
      if (read === 'project') {
        expectOutage(answer);
        continue;
      }
      // Partial data: what the other subgraphs know stays, the projects' fields are null with their own error.
      expect(answer.status, label).toBe(200);
      expect(answer.retryAfter, label).toBeNull();
      const errors = answer.body.errors ?? [];
      expect(errors.length, label).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.extensions?.code, label).toBe('SERVICE_UNAVAILABLE');
        expect(error.message).toMatch(/unavailable/);
      }
      const data = answer.body.data as Record<string, any>;
      if (read === 'organisationAndProject') {
        expect(data.organisation.name, label).toBeTruthy();
        expect(data.project, label).toBeNull();
        expect(errors.map((error) => error.path)).toEqual([['project']]);
      } else {
        expect(data.practice.title, label).toBeTruthy();
        expect(data.practice.adoptions[0].id, label).toBeTruthy();
        expect(data.practice.adoptions[0].project, label).toBeNull();
        expect(errors[0]?.path?.slice(0, 4)).toEqual(['practice', 'adoptions', 0, 'project']);
      }
    }
  });
});
