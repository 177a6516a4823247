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
      parseEnv(commonEnvSchema, { DATABASE_URL: 'mysql://x', RADAR_GATEWAY_SECRET: 'short', NODE_ENV: 'staging' }),
    ).toThrow(ConfigError);
    try {
      parseEnv(commonEnvSchema, { DATABASE_URL: 'mysql://x', RADAR_GATEWAY_SECRET: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/RADAR_GATEWAY_SECRET/);
    }
  });
});
