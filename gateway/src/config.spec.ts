import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

describe('OIDC_ISSUERS', () => {
  it('lists no provider when unset, and each one given with its audience and optional key set', () => {
    expect(loadGatewayConfig({}).oidcIssuers).toEqual([]);
    const issuers = [
      { issuer: 'https://login.example.eu/realms/radar', audience: 'https://radar.example.eu/graphql' },
      { issuer: 'https://idp.uni.example', audience: 'radar', jwksUri: 'https://idp.uni.example/keys' },
    ];
    expect(loadGatewayConfig({ OIDC_ISSUERS: JSON.stringify(issuers) }).oidcIssuers).toEqual(issuers);
  });

  it('refuses at start what is not a list of providers, saying which setting is wrong', () => {
    for (const value of [
      'not json',
      '{"issuer": "https://a.example"}',
      '[{"issuer": "https://a.example"}]',
      '[{"issuer": "nope", "audience": "x"}]',
    ]) {
      expect(() => loadGatewayConfig({ OIDC_ISSUERS: value }), value).toThrow(/OIDC_ISSUERS/);
    }
  });
});
