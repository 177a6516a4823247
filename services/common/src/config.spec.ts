import { describe, expect, it } from 'vitest';
import { ConfigError, commonEnvSchema, parseEnv } from './config.js';

describe('parseEnv', () => {
  it('applies defaults and treats empty values as unset', () => {
    const config = parseEnv(commonEnvSchema, { DATABASE_URL: '', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ NODE_ENV: 'development', LOG_LEVEL: 'debug', DATABASE_PREFIX: 'radar' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('lists every bad variable in one error', () => {
    expect(() =>
      parseEnv(commonEnvSchema, { DATABASE_URL: 'mysql://x', RADAR_SIGNING_KEYS: '{"keys": []}', NODE_ENV: 'staging' }),
    ).toThrow(ConfigError);
    const bad = () => parseEnv(commonEnvSchema, { DATABASE_URL: 'mysql://x', RADAR_SIGNING_KEYS: '{"keys": []}' });
    expect(bad).toThrow(/DATABASE_URL/);
    expect(bad).toThrow(/RADAR_SIGNING_KEYS[.a-z]*: must hold at least one key/);
  });
});
