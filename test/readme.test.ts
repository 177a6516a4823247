// Every shell and GraphQL example in README.md, run verbatim. GraphQL blocks go through a seeded stack's gateway;
// shell lines run in bash against it, with only the README's address (127.0.0.1:4000) replaced by the stack's and
// each `<placeholder>` by the value it names. The few lines it cannot run are listed with what in .ci/run covers them.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseJwkSet } from '@radar/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

const run = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');

function blocks(language: string) {
  return [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2] as string);
}

/** A block's commands: a trailing backslash continues a line, a `#` after the command is a comment. */
function commands(block: string) {
  return block
    .replace(/\\\n/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter(Boolean);
}

const shellLines = blocks('sh').flatMap(commands);
// The signing key lines, in the README's order: a new set, the three steps of a rotation, the public keys.
const signingLines = shellLines.filter((line) =>
  /^(export RADAR_SIGNING_KEYS="\$\(pnpm -s keys:signing|pnpm -s keys:signing )/.test(line),
);
const regionLines = shellLines.filter((line) => line.includes(' pnpm regions '));
// The import lines, and the CSV files they read (the README's csv blocks, in order).
const importLines = shellLines.filter((line) => line.startsWith('RADAR_API_KEY='));
const importFiles = ['organisations.csv', 'practices.csv', 'projects.csv'];
// Lines a test cannot run inside itself, each with why, and what in .ci/run covers it.
const notRunHere: { line: string; why: string; ci: RegExp }[] = [
  {
    line: 'npm run setup && npm start',
    why: 'sets up a clone: .ci/run runs it',
    ci: /^npm run setup$[\s\S]*setsid npm start /m,
  },
  { line: 'npm test', why: 'runs this file: .ci/run runs it', ci: /^DATABASE_URL="\$PG_URL" npm test$/m },
  {
    line: 'DATABASE_URL=postgres://user:password@host:5432/postgres pnpm start',
    why: "a server of the reader's own: .ci/run starts RADAR, and the tests run every service on its PostgreSQL",
    ci: /setsid npm start /,
  },
  {
    line: 'RADAR_SIGNING_KEYS="$(pnpm -s keys:signing)" docker compose up --build',
    why: 'needs Docker: .ci/run validates the compose file, its default set and every profile',
    ci: /docker-compose \$\{profile:\+--profile "\$profile"\} config -q/,
  },
  {
    line: 'docker compose run --rm gateway node gateway/dist/keys.cli.js mint --role curator --label "Admin"',
    why: 'needs Docker: .ci/run validates the compose file, its default set and every profile',
    ci: /docker-compose \$\{profile:\+--profile "\$profile"\} config -q/,
  },
];

let stack: Stack;
const dataDir = mkdtempSync(join(tmpdir(), 'radar-readme-'));
// The key commands share the stack's databases on a PostgreSQL server; on the embedded database they use their own,
// as they would with RADAR stopped.
const environment = { ...process.env, ...testEnvironment({ RADAR_DATA_DIR: dataDir }) };

beforeAll(async () => {
  stack = await startStack({ env: { DATABASE_PREFIX: environment.DATABASE_PREFIX as string } });
  // An editor key's organisation is checked with the stack's organisations subgraph, signed as the stack signs.
  environment.ORGANISATIONS_URL = stack.organisationsUrl;
  environment.RADAR_SIGNING_KEYS = stack.signingKeys;
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function shell(line: string) {
  const command = line.replaceAll('http://127.0.0.1:4000', new URL(stack.gatewayUrl).origin);
  try {
    const { stdout, stderr } = await run('bash', ['-c', command], { env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('README.md', () => {
  it('has an example of each kind, every shell line run here or by .ci/run', () => {
    expect(blocks('graphql').length).toBeGreaterThanOrEqual(3);
    const keyLines = shellLines.filter((line) => line.startsWith('pnpm keys '));
    const curlLines = shellLines.filter((line) => line.startsWith('curl '));
    expect(keyLines).toHaveLength(4);
    expect(curlLines).toHaveLength(2);
    expect(signingLines).toHaveLength(5);
    expect(regionLines).toHaveLength(1);
    expect(importLines).toHaveLength(2);
    const elsewhere = shellLines.filter(
      (line) =>
        !keyLines.includes(line) &&
        !curlLines.includes(line) &&
        !signingLines.includes(line) &&
        !regionLines.includes(line) &&
        !importLines.includes(line),
    );
    expect(elsewhere).toEqual(notRunHere.map((entry) => entry.line));
    for (const entry of notRunHere) expect(ci, `${entry.line}: ${entry.why}`).toMatch(entry.ci);
  });

  it('answers the curl example with the organisation, its practices and their adoptions', async () => {
    const [curl] = shellLines.filter((line) => line.startsWith('curl '));
    const result = await shell(curl as string);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.errors).toBeUndefined();
    const [organisation] = body.data.organisations.nodes;
    expect(organisation.name).toBe('Smart Hospital');
    expect(organisation.practices.nodes[0].adoptions[0].adopter.name).toBe('Digital Innovation Zone Association');
  });

  it('loads region names from a file of Eurostat\u2019s layout with the pnpm regions line', async () => {
    const file = join(dataDir, 'NUTS2024.csv');
    writeFileSync(
      file,
      [
        '"Code 2024";"Country";"NUTS level 1";"NUTS level 2";"NUTS level 3"',
        '"FR";"France";"";"";""',
        '"FR1";"";"Ile-de-France";"";""',
        '"FR10";"";"";"Ile-de-France";""',
      ].join('\n'),
    );
    const line = (regionLines[0] as string).replace('<curator key>', stack.keys.curator).replace('<file.csv>', file);
    const result = await shell(line);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${file}: 2 regions named, 0 changed, 0 unchanged (1 country rows left out).`);
    const named = await stack.gql('{ nutsRegions(codes: ["FR1", "FR10"]) { code name } }');
    expect(named.data?.nutsRegions).toEqual([
      { code: 'FR1', name: 'Ile-de-France' },
      { code: 'FR10', name: 'Ile-de-France' },
    ]);
  });

  it('runs every GraphQL example without an error, the mutations with a curator key', async () => {
    for (const query of blocks('graphql')) {
      const mutation = query.trimStart().startsWith('mutation');
      const answer = await stack.gql(query, undefined, mutation ? { key: stack.keys.curator } : {});
      expect(answer.errors, query).toBeUndefined();
      expect(answer.status).toBe(200);
      for (const [field, value] of Object.entries(answer.data ?? {})) expect(value, field).not.toBeNull();
      if (answer.data?.createOrganisation) expect(answer.data.createOrganisation.id).toMatch(/^[0-9a-f-]{36}$/);
      if (answer.data?.mintApiKey) expect(answer.data.mintApiKey.secret).toMatch(/^radar_[0-9a-f]{16}_/);
    }
  });

  it('imports the example files: a dry run, the import, and the endpoint reporting them unchanged', async () => {
    const csv = blocks('csv');
    expect(csv).toHaveLength(importFiles.length);
    const withFiles = (line: string) =>
      importFiles.reduce(
        (text, name, index) => {
          const path = join(dataDir, name);
          writeFileSync(path, csv[index] as string);
          return text.replaceAll(name, path);
        },
        line.replaceAll('<curator key>', stack.keys.curator).replaceAll('report.json', join(dataDir, 'report.json')),
      );
    const imports = { ...environment, GATEWAY_URL: stack.gatewayUrl };
    const [dryRun, imported] = importLines.map(withFiles) as [string, string];
    const checked = await run('bash', ['-c', dryRun], { env: imports });
    expect(checked.stdout).toContain(
      'Dry run (nothing written): 4 records: 4 created, 0 updated, 0 unchanged, 0 rejected',
    );
    const done = await run('bash', ['-c', imported], { env: imports });
    expect(done.stdout).toContain('4 records: 4 created, 0 updated, 0 unchanged, 0 rejected');
    const practice = await stack.gql(
      '{ practiceBySource(source: "partner-registry", sourceId: "PR-5") { owner { name } contributors { role } } }',
      undefined,
      { key: stack.keys.curator },
    );
    expect(practice.data?.practiceBySource).toEqual({
      owner: { name: 'Spitalul Clinic Județean Cluj' },
      contributors: [{ role: 'EVALUATOR' }],
    });
    const project = await stack.gql(
      '{ projectBySource(source: "partner-registry", sourceId: "PJ-9") { acronym coordinator { name } participants { role } } }',
    );
    expect(project.data?.projectBySource).toEqual({
      acronym: 'CARDIOHOME',
      coordinator: { name: 'Spitalul Clinic Județean Cluj' },
      participants: expect.arrayContaining([{ role: 'COORDINATOR' }, { role: 'PARTNER' }]),
    });
    const [, curl] = shellLines.filter((line) => line.startsWith('curl '));
    const answered = await shell(
      withFiles(curl as string).replace('@organisations.csv', `@${join(dataDir, 'organisations.csv')}`),
    );
    expect(answered.code, answered.stderr).toBe(0);
    const report = JSON.parse(answered.stdout);
    expect(report.summary).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2, rejected: 0 });
  });

  // In turn, as the README gives them; each step is its own test, as each starts a command or two.
  describe('pnpm keys lines', () => {
    const [curator, editor, list, revoke] = shellLines.filter((line) => line.startsWith('pnpm keys '));
    let organisationId = '';
    let editorKey: RegExpMatchArray | null = null;

    it('mint a curator key and an editor key for an organisation', async () => {
      const found = await stack.gql('{ organisations(filter: { text: "smart hospital" }) { nodes { id } } }');
      organisationId = found.data?.organisations.nodes[0].id as string;
      const mintedCurator = await shell(curator as string);
      expect(mintedCurator.code, mintedCurator.stderr).toBe(0);
      expect(mintedCurator.stdout).toMatch(/Minted curator key [0-9a-f]{16}\.\n/);
      const mintedEditor = await shell((editor as string).replace('<organisation id>', organisationId));
      expect(mintedEditor.code, mintedEditor.stderr).toBe(0);
      expect(mintedEditor.stdout).toContain(`for organisation ${organisationId}`);
      editorKey = mintedEditor.stdout.match(/radar_([0-9a-f]{16})_\S+/);
      expect(editorKey).not.toBeNull();
    });

    it('list both without their secrets', async () => {
      const listed = await shell(list as string);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(/\tcurator\t-\tactive\tJane Doe, curation team\n/);
      expect(listed.stdout).toContain(`${editorKey?.[1]}\teditor\t${organisationId}\tactive\tSmart Hospital editor\n`);
      expect(listed.stdout).not.toContain(editorKey?.[0]);
    });

    it('revoke the editor key by its id', async () => {
      const revoked = await shell((revoke as string).replace('<key id>', editorKey?.[1] as string));
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain(`Revoked key ${editorKey?.[1]} (Smart Hospital editor).`);
      expect((await shell(list as string)).stdout).toMatch(new RegExp(`${editorKey?.[1]}\\teditor\\t.*\\trevoked `));
    });
  });

  describe('pnpm keys:signing lines', () => {
    /** Runs a line with RADAR_SIGNING_KEYS as it stands, and gives the set it leaves (or the line's output). */
    async function step(line: string, keys: string, replace: Record<string, string> = {}) {
      const command = Object.entries(replace).reduce((text, [from, to]) => text.replace(from, to), line);
      const printed = line.startsWith('export ') ? `${command}\nprintf %s "$RADAR_SIGNING_KEYS"` : command;
      const { stdout } = await run('bash', ['-c', printed], { env: { ...environment, RADAR_SIGNING_KEYS: keys } });
      return stdout.trim();
    }
    const kids = (text: string, kind: 'private' | 'public' = 'private') =>
      parseJwkSet(text, kind).keys.map((key) => key.kid);

    it('make a set, rotate it a step at a time, and print its public keys', async () => {
      const [made, added, used, dropped, published] = signingLines as [string, string, string, string, string];
      const first = await step(made, '');
      const [old] = kids(first) as [string];
      expect(kids(first)).toHaveLength(1);
      const second = await step(added, first);
      const [, fresh] = kids(second) as [string, string];
      expect(kids(second)).toEqual([old, fresh]);
      const third = await step(used, second, { '<new key id>': fresh });
      expect(kids(third)).toEqual([fresh, old]);
      const fourth = await step(dropped, third, { '<old key id>': old });
      expect(kids(fourth)).toEqual([fresh]);
      const publicKeys = await step(published, fourth);
      expect(kids(publicKeys, 'public')).toEqual([fresh]);
      expect(publicKeys).not.toContain('"d"');
    });
  });
});
