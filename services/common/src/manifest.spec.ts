import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseEnv } from './config.js';
import { corsEnvSchema } from './cors.js';
import {
  portSetting,
  streamOwner,
  subgraph,
  subgraphs,
  subgraphUrls,
  urlEnvironment,
  urlSettings,
} from './manifest.js';

describe('the manifest of subgraphs', () => {
  it('starts each subgraph after the ones it calls that come before it in the list', () => {
    expect(subgraphs.map(({ name, startsAfter }) => [name, startsAfter])).toEqual([
      ['organisations', []],
      ['practices', ['organisations']],
      ['projects', ['organisations', 'practices']],
      ['identity', ['organisations']],
    ]);
  });

  it("gives each subgraph's settings their manifest defaults and refuses a bad address", () => {
    const schema = z.object({ ...portSetting('practices'), ...urlSettings(subgraph('practices').calls) });
    const parsed = parseEnv(schema, { PROJECTS_URL: 'http://projects:4003/graphql' });
    expect(parsed).toEqual({
      PRACTICES_PORT: 4001,
      ORGANISATIONS_URL: 'http://127.0.0.1:4002/graphql',
      PROJECTS_URL: 'http://projects:4003/graphql',
    });
    expect(subgraphUrls(parsed, subgraph('practices').calls)).toEqual({
      organisations: 'http://127.0.0.1:4002/graphql',
      projects: 'http://projects:4003/graphql',
    });
    expect(() => parseEnv(schema, { ORGANISATIONS_URL: 'organisations:4002' })).toThrow(ConfigError);
    expect(() => parseEnv(schema, { PRACTICES_PORT: '70000' })).toThrow(/PRACTICES_PORT/);
  });

  it('names the variables of given addresses and the owner of each record stream', () => {
    expect(urlEnvironment({ organisations: 'http://a/graphql', projects: 'http://b/graphql' })).toEqual({
      ORGANISATIONS_URL: 'http://a/graphql',
      PROJECTS_URL: 'http://b/graphql',
    });
    expect(streamOwner('practices').name).toBe('practices');
  });
});

describe('RADAR_CORS_ORIGINS', () => {
  it('is a list of exact origins, none by default', () => {
    expect(parseEnv(corsEnvSchema, {}).RADAR_CORS_ORIGINS).toEqual([]);
    expect(
      parseEnv(corsEnvSchema, {
        RADAR_CORS_ORIGINS: 'https://a.example.org, http://localhost:5173,https://a.example.org',
      }).RADAR_CORS_ORIGINS,
    ).toEqual(['https://a.example.org', 'http://localhost:5173']);
    for (const bad of [
      '*',
      'null',
      'a.example.org',
      'https://a.example.org/',
      'https://a.example.org/x',
      'ws://a.example.org',
    ]) {
      expect(() => parseEnv(corsEnvSchema, { RADAR_CORS_ORIGINS: bad })).toThrow(/RADAR_CORS_ORIGINS: /);
    }
  });
});
