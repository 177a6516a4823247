// Browser apps on the origins RADAR_CORS_ORIGINS names may call the gateway and the exporter, credentials included;
// any other origin gets no CORS header at all; a setting that is not a list of exact origins stops RADAR at start.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ConfigError } from '@radar/common';
import { type ExporterServer, loadExporterConfig } from '@radar/exporter';
import { loadGatewayConfig } from '@radar/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExporterAtItsBase } from './support/exporter.js';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

const run = promisify(execFile);
const APP = 'https://app.example.org';
const LOCAL_APP = 'http://localhost:5173';
const origins = `${APP}, ${LOCAL_APP}`;

let stack: Stack;
let exporter: ExporterServer;
let exporterBase: string;

beforeAll(async () => {
  stack = await startStack({ env: { RADAR_CORS_ORIGINS: origins } });
  const started = await startExporterAtItsBase(stack, { RADAR_CORS_ORIGINS: origins });
  exporter = started.exporter;
  exporterBase = started.base;
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

const corsHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
const varies = (response: Response) =>
  (response.headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .includes('origin');

const services = [
  { service: 'gateway', url: () => stack.gatewayUrl, method: 'POST' },
  { service: 'exporter', url: () => `${exporterBase}/catalog`, method: 'GET' },
] as const;

for (const { service, url, method } of services) {
  describe(`CORS on the ${service}`, () => {
    const preflight = (origin: string) =>
      fetch(url(), {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization, content-type',
        },
      });

    it('answers the preflight of an allowed origin with 204 and the exact origin, never *', async () => {
      for (const origin of [APP, LOCAL_APP]) {
        const response = await preflight(origin);
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        expect(response.headers.get('access-control-allow-credentials')).toBe('true');
        expect(response.headers.get('access-control-allow-methods')?.split(',')).toContain(method);
        const allowed = response.headers.get('access-control-allow-headers')?.toLowerCase().split(',') ?? [];
        expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
        expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
        expect(varies(response)).toBe(true);
      }
    });

    it('gives any other origin no CORS header, and refuses its preflight', async () => {
      // Near misses of an allowed origin: another scheme, port, case or host, and the opaque "null" origin.
      for (const origin of [
        'https://evil.example.com',
        'http://app.example.org',
        'https://app.example.org:8443',
        'https://APP.example.org',
        'https://app.example.org.evil.example.com',
        'null',
      ]) {
        const refused = await preflight(origin);
        expect(refused.status).toBe(403);
        expect(corsHeaders(refused)).toEqual([]);
        expect(varies(refused)).toBe(true);
      }
    });
  });
}

describe('cross-origin requests', () => {
  const createOrganisation = (headers: Record<string, string>) =>
    fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { name } }',
        variables: { input: { name: `CORS ${headers.origin ?? 'none'}`, kind: 'OTHER', country: 'RO' } },
      }),
    });

  it('let an allowed origin write with its credentials and read the answer and its request id', async () => {
    const response = await createOrganisation({ origin: APP, authorization: `Bearer ${stack.keys.curator}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')?.split(',')).toContain('x-request-id');
    expect(varies(response)).toBe(true);
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      createOrganisation: { name: `CORS ${APP}` },
    });
  });

  it('give another origin, or a caller that names none, an answer without CORS headers', async () => {
    for (const headers of [{ origin: 'https://evil.example.com' }, {}] as Record<string, string>[]) {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ organisations(first: 1) { totalCount } }' }),
      });
      expect(response.status).toBe(200);
      expect(corsHeaders(response)).toEqual([]);
      expect(varies(response)).toBe(true);
    }
  });

  it('let an allowed origin read the linked data, and no other', async () => {
    const allowed = await fetch(`${exporterBase}/catalog`, { headers: { origin: LOCAL_APP, accept: 'text/turtle' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(LOCAL_APP);
    expect(await allowed.text()).toContain('dcat:Catalog');
    const other = await fetch(`${exporterBase}/catalog`, { headers: { origin: 'https://evil.example.com' } });
    expect(other.status).toBe(200);
    expect(corsHeaders(other)).toEqual([]);
  });
});

describe('RADAR_CORS_ORIGINS', () => {
  const refusals: [string, RegExp][] = [
    ['*', /"\*" is not allowed: name each origin exactly/],
    [`${APP},*`, /"\*" is not allowed/],
    ['null', /"null" is not allowed/],
    ['app.example.org', /"app.example.org" is not an origin: give scheme, host and optional port/],
    [`${APP}/`, /"https:\/\/app.example.org\/" is not an origin/],
    [`${APP}/graphql`, /is not an origin/],
    ['ftp://app.example.org', /is not an origin/],
  ];

  it('is refused by the gateway and the exporter unless every entry is an exact origin', () => {
    for (const load of [loadGatewayConfig, loadExporterConfig]) {
      for (const [value, message] of refusals) {
        expect(() => load({ ...testEnvironment(), RADAR_CORS_ORIGINS: value })).toThrow(ConfigError);
        expect(() => load({ ...testEnvironment(), RADAR_CORS_ORIGINS: value })).toThrow(message);
      }
      expect(load({ ...testEnvironment(), RADAR_CORS_ORIGINS: ` ${APP} ,${LOCAL_APP},` }).RADAR_CORS_ORIGINS).toEqual([
        APP,
        LOCAL_APP,
      ]);
      expect(load(testEnvironment()).RADAR_CORS_ORIGINS).toEqual([]);
    }
  });

  it('stops the gateway, the exporter and pnpm start at start with one line naming the setting', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'radar-cors-'));
    for (const [name, main] of [
      ['gateway', '../gateway/dist/main.js'],
      ['exporter', '../services/exporter/dist/main.js'],
      ['start', '../gateway/dist/start.js'],
    ] as const) {
      const started = run(process.execPath, [fileURLToPath(new URL(main, import.meta.url))], {
        env: { ...testEnvironment(), PATH: process.env.PATH, RADAR_DATA_DIR: dataDir, RADAR_CORS_ORIGINS: '*' },
      });
      const failure = (await started.then(
        () => null,
        (error: unknown) => error,
      )) as { code: number; stderr: string } | null;
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toBe(
        `${name}: Invalid configuration:\n  RADAR_CORS_ORIGINS: "*" is not allowed: name each origin exactly (callers send credentials, so any site could act for them)\n`,
      );
    }
    // pnpm start refused before opening any database: only its signing keys are there.
    expect(readdirSync(dataDir)).toEqual(['signing-keys.json']);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
