// Configuration of the gateway, parsed once from the environment.
import {
  commonEnvSchema,
  corsEnvSchema,
  env,
  httpEnvSchema,
  parseEnv,
  type SubgraphName,
  subgraphNames,
  subgraphUrls,
  urlSettings,
} from '@radar/common';
import { z } from 'zod';
import { type OidcIssuer, oidcIssuerSchema } from './authenticator.js';

/** `OIDC_ISSUERS`: a JSON list of the OpenID providers whose access tokens sign people in. */
const oidcIssuersSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON: [{"issuer": …, "audience": …}]' });
      return z.NEVER;
    }
  })
  .pipe(z.array(oidcIssuerSchema))
  .default([]);

const schema = commonEnvSchema.extend({
  GATEWAY_PORT: env.port.default(4000),
  ...urlSettings(subgraphNames),
  OIDC_ISSUERS: oidcIssuersSchema,
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  ...httpEnvSchema.shape,
  ...corsEnvSchema.shape,
  MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  MAX_ALIASES: z.coerce.number().int().min(1).max(100).default(15),
  MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(5_000),
  QUERY_PLAN_CACHE_MB: z.coerce.number().int().min(1).max(1024).default(64),
  RESPONSE_CACHE: env.boolean.default(true),
  RESPONSE_CACHE_TTL: z.coerce.number().int().min(0).max(86_400).default(300),
  RESPONSE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(32),
  /** The largest file POST /import takes. */
  IMPORT_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 20mb')
    .default('20mb'),
});

export type GatewayConfig = z.infer<typeof schema> & {
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  oidcIssuers: OidcIssuer[];
  development: boolean;
};

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = parseEnv(schema, source);
  return {
    ...parsed,
    oidcIssuers: parsed.OIDC_ISSUERS,
    port: parsed.GATEWAY_PORT,
    subgraphUrls: subgraphUrls(parsed, subgraphNames),
    development: parsed.NODE_ENV !== 'production',
  };
}
