// The manifest of subgraphs is the one list: docker-compose.yml is written from it, and the README's subgraph table,
// .ci/run, .env.example, the Dockerfile, the package scripts and the exporter's record types agree with it.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { subgraphs } from '@radar/common';
import { mappings } from '@radar/exporter';
import { composeModel, composeProfiles, dockerComposeFile, GATEWAY_REPLICAS, subgraphBindings } from '@radar/gateway';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../gateway/dist/manifest.cli.js', import.meta.url));
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface ComposeService {
  environment: Record<string, string>;
  expose?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  deploy?: { replicas: number };
  command?: string[];
}
const compose = parse(read('docker-compose.yml'), { version: '1.1' }) as { services: Record<string, ComposeService> };
const service = (name: string) => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const byName = (names: readonly string[]) => subgraphs.filter((subgraph) => names.includes(subgraph.name));

describe('the manifest of subgraphs', () => {
  it('names each subgraph, port and setting once', () => {
    const unique = (values: (string | number)[]) => new Set(values).size === values.length;
    expect(unique(subgraphs.map((subgraph) => subgraph.name))).toBe(true);
    expect(unique(subgraphs.map((subgraph) => subgraph.port))).toBe(true);
    expect(unique(subgraphs.flatMap((subgraph) => subgraph.streams))).toBe(true);
    for (const subgraph of subgraphs) {
      expect(subgraph.portVariable).toBe(`${subgraph.name.toUpperCase()}_PORT`);
      expect(subgraph.defaultUrl).toBe(`http://127.0.0.1:${subgraph.port}/graphql`);
      expect([4000, 4010]).not.toContain(subgraph.port);
      expect(subgraphBindings[subgraph.name]).toBeDefined();
    }
  });

  it('is what the exporter dumps: every record type streams from one subgraph, and every stream is a record type', () => {
    expect(subgraphs.flatMap((subgraph) => subgraph.streams).sort()).toEqual(Object.keys(mappings).sort());
  });

  it('has a package, a main and a start script for each subgraph', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const { name } of subgraphs) {
      expect(existsSync(new URL(`../services/${name}/src/main.ts`, import.meta.url))).toBe(true);
      expect(scripts[`start:${name}`]).toBe(`pnpm build && node services/${name}/dist/main.js`);
    }
  });
});

describe('docker-compose.yml', () => {
  it('is what `pnpm compose` writes from the manifest', () => {
    expect(read('docker-compose.yml')).toBe(dockerComposeFile());
    expect(compose).toEqual(JSON.parse(JSON.stringify(composeModel())));
  });

  for (const [set, name, server] of [
    ['the default set', (subgraph: string) => subgraph, (_subgraph: string) => 'postgres'],
    [
      'the own-servers profile',
      (subgraph: string) => `${subgraph}-isolated`,
      (subgraph: string) => `${subgraph}-postgres`,
    ],
  ] as const) {
    it(`runs every subgraph of ${set} at its port, on its server, with the addresses it calls`, () => {
      for (const subgraph of subgraphs) {
        const running = service(name(subgraph.name));
        expect(running.command).toEqual(['node', `services/${subgraph.name}/dist/main.js`]);
        expect(running.expose).toEqual([String(subgraph.port)]);
        expect(running.environment[subgraph.portVariable]).toBe(String(subgraph.port));
        expect(running.environment.DATABASE_URL).toMatch(new RegExp(`@${server(subgraph.name)}:5432/`));
        for (const called of byName(subgraph.calls)) {
          expect(running.environment[called.urlVariable]).toBe(`http://${name(called.name)}:${called.port}/graphql`);
        }
        expect(Object.keys(running.depends_on ?? {}).sort()).toEqual(
          [server(subgraph.name), ...subgraph.startsAfter.map(name)].sort(),
        );
        expect(running.profiles).toEqual(set === 'the default set' ? undefined : ['own-servers']);
      }
      const gateway = service(name('gateway'));
      expect(gateway.deploy?.replicas).toBe(GATEWAY_REPLICAS);
      expect(gateway.ports).toBeUndefined();
      for (const subgraph of subgraphs) {
        expect(gateway.environment[subgraph.urlVariable]).toBe(
          `http://${name(subgraph.name)}:${subgraph.port}/graphql`,
        );
      }
      expect(service(name('proxy')).ports).toEqual(['4000:4000']);
      const exporter = service(name('exporter'));
      expect(exporter.environment.GATEWAY_URL).toBe(`http://${name('proxy')}:4000/graphql`);
      for (const subgraph of subgraphs.filter((candidate) => candidate.streams.length > 0)) {
        expect(exporter.environment[subgraph.urlVariable]).toBe(
          `http://${name(subgraph.name)}:${subgraph.port}/graphql`,
        );
      }
    });
  }

  it('runs Hive Gateway on the default subgraphs in the hive profile, in place of the gateway and its proxy', () => {
    const hive = service('hive-gateway');
    expect(hive.profiles).toEqual(['hive']);
    expect(hive.command?.slice(0, 3)).toEqual([
      'gateway/node_modules/.bin/hive-gateway',
      'supergraph',
      'schema/supergraph.graphql',
    ]);
    expect(hive.ports).toEqual(['4000:4000']);
    expect(Object.keys(hive.depends_on ?? {})).not.toContain('gateway');
    for (const subgraph of subgraphs) {
      expect(hive.environment[subgraph.urlVariable]).toBe(`http://${subgraph.name}:${subgraph.port}/graphql`);
      expect(hive.depends_on?.[subgraph.name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it("names each profile's entry service in its header, and .ci/run checks every profile", async () => {
    const ci = read('.ci/run');
    for (const [profile, { entry }] of Object.entries(composeProfiles)) {
      expect(service(entry).profiles).toEqual([profile]);
      expect(read('docker-compose.yml')).toContain(`docker compose up --build ${entry} `);
      expect(read('README.md')).toMatch(
        new RegExp(`^\\| \`docker compose up --build ${entry}\` +\\| \`${profile}\` +\\|`, 'm'),
      );
    }
    expect((await run(process.execPath, [cli, 'profiles'])).stdout).toBe(`${Object.keys(composeProfiles).join(' ')}\n`);
    expect(ci).toContain('read -r -a profiles <<<"$(node_modules/.bin/node gateway/dist/manifest.cli.js profiles)"');
    expect(ci).toMatch(
      /^for profile in "" "\$\{profiles\[@\]\}"; do\n.*docker-compose \$\{profile:\+--profile "\$profile"\} config -q$/m,
    );
  });
});

describe('what else names the subgraphs', () => {
  it("the README's subgraph table: one row per subgraph, in the manifest's order", () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('| Subgraph '));
    const rows = [
      ...table.matchAll(
        /^\| `([a-z]+)` +\| `(\d+)` \(`([A-Z_]+)`\) +\| `([^`]+)` \(`([A-Z_]+)`\) +\| `<prefix>_([a-z]+)` +\|([^|\n]+)\|$/gm,
      ),
    ];
    expect(rows.map((row) => [...row.slice(1, 7), row[7]?.trim()])).toEqual(
      subgraphs.map((subgraph) => [
        subgraph.name,
        String(subgraph.port),
        subgraph.portVariable,
        subgraph.defaultUrl,
        subgraph.urlVariable,
        subgraph.database,
        subgraph.calls.join(', ') || '—',
      ]),
    );
    for (const { name, port } of subgraphs) expect(readme).toContain(`${name} subgraph (:${port})`);
  });

  it(".ci/run moves every subgraph's port by 100 for its start smoke test and its dump, as the manifest CLI says", async () => {
    const ci = read('.ci/run');
    const words = async (...args: string[]) => (await run(process.execPath, [cli, ...args])).stdout.trim().split(' ');
    expect(await words('ports', '--offset', '100')).toEqual(
      subgraphs.map((subgraph) => `${subgraph.portVariable}=${subgraph.port + 100}`),
    );
    expect(await words('urls', '--offset', '100')).toEqual(
      subgraphs.map((subgraph) => `${subgraph.urlVariable}=http://127.0.0.1:${subgraph.port + 100}/graphql`),
    );
    expect(await words('urls')).toEqual(subgraphs.map((subgraph) => `${subgraph.urlVariable}=${subgraph.defaultUrl}`));
    await expect(run(process.execPath, [cli, 'ports', '--offset', 'ten'])).rejects.toMatchObject({
      code: 2,
      stderr: 'manifest: --offset must be a whole number of ports\n',
    });
    expect(ci).toContain(
      'read -r -a subgraph_ports <<<"$(node_modules/.bin/node gateway/dist/manifest.cli.js ports --offset 100)"',
    );
    expect(ci).toContain(
      'read -r -a subgraph_urls <<<"$(node_modules/.bin/node gateway/dist/manifest.cli.js urls --offset 100)"',
    );
    expect(ci).toMatch(
      /GATEWAY_PORT=4100 EXPORTER_PORT=4110 .*\\\n +env "\$\{subgraph_ports\[@\]\}" setsid npm start /,
    );
    expect(ci).toMatch(/env "\$\{subgraph_urls\[@\]\}" npm run --silent export/);
    // No port of a subgraph is written into it by hand.
    for (const subgraph of subgraphs)
      expect(ci).not.toMatch(new RegExp(`${subgraph.portVariable}|${subgraph.urlVariable}`));
  });

  it('.env.example lists every port and address with its default', () => {
    const example = read('.env.example');
    for (const subgraph of subgraphs) {
      expect(example).toMatch(new RegExp(`^${subgraph.portVariable}=${subgraph.port}$`, 'm'));
      expect(example).toMatch(new RegExp(`^${subgraph.urlVariable}=${subgraph.defaultUrl}$`, 'm'));
    }
  });

  it("the Dockerfile copies and builds every subgraph's package and exposes its port", () => {
    const dockerfile = read('services/Dockerfile');
    for (const { name, port } of subgraphs) {
      expect(dockerfile.match(new RegExp(`^COPY services/${name}/package.json services/${name}/$`, 'gm'))).toHaveLength(
        2,
      );
      expect(dockerfile).toMatch(new RegExp(`^COPY services/${name}/src services/${name}/src$`, 'm'));
      expect(dockerfile).toMatch(
        new RegExp(`^COPY --from=build /app/services/${name}/dist services/${name}/dist$`, 'm'),
      );
      expect(dockerfile).toMatch(new RegExp(`^EXPOSE .*\\b${port}\\b`, 'm'));
    }
  });
});
