// Configuration of the gateway, parsed once from the environment.
import { commonEnvSchema, env, httpEnvSchema, parseEnv } from '@radar/common';
import { z } from 'zod';

const schema = commonEnvSchema.extend({
  GATEWAY_PORT: env.port.default(4000),
  ORGANISATIONS_URL: env.url.default('http://127.0.0.1:4002/graphql'),
  PRACTICES_URL: env.url.default('http://127.0.0.1:4001/graphql'),
  PROJECTS_URL: env.url.default('http://127.0.0.1:4003/graphql'),
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  ...httpEnvSchema.shape,
  MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  MAX_ALIASES: z.coerce.number().int().min(1).max(100).default(15),
  MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(5_000),
  QUERY_PLAN_CACHE_MB: z.coerce.number().int().min(1).max(1024).default(64),
  RESPONSE_CACHE: env.boolean.default(true),
  RESPONSE_CACHE_TTL: z.coerce.number().int().min(0).max(86_400).default(300),
  RESPONSE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(32),
});

export type GatewayConfig = z.infer<typeof schema> & {
  port: number;
  subgraphUrls: Record<string, string>;
  development: boolean;
};

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = parseEnv(schema, source);
  return {
    ...parsed,
    port: parsed.GATEWAY_PORT,
    subgraphUrls: {
      organisations: parsed.ORGANISATIONS_URL,
      practices: parsed.PRACTICES_URL,
      projects: parsed.PROJECTS_URL,
    },
    development: parsed.NODE_ENV !== 'production',
  };
}
