// Environment parsing shared by every service: one zod schema per package, failing fast with a readable message.
import { z } from 'zod';
import { jwkSetText } from './signing-keys.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

export const env = {
  boolean: booleanFlag,
  port: z.coerce.number().int().min(0).max(65535),
  url: z.url({ protocol: /^https?$/ }),
};

/** Variables every service reads: runtime mode, logging, database and the keys that sign subgraph tokens. */
export const commonEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/, 'lower-case letters, digits and underscores')
    .default('radar'),
  RADAR_DATA_DIR: z.string().min(1).default('.data'),
  // A private JWK set: the first key signs subgraph tokens, every key is published (and trusted by subgraphs).
  RADAR_SIGNING_KEYS: jwkSetText('private').optional(),
  RADAR_TOKEN_ISSUER: z.string().min(1).default('radar'),
  RADAR_TOKEN_AUDIENCE: z.string().min(1).default('radar-subgraphs'),
});

export type CommonConfig = z.infer<typeof commonEnvSchema>;

/** Parses `source` with `schema`, throwing one ConfigError that lists every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
