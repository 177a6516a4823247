// Configuration of the identity subgraph, parsed once from the environment.
import { env, parseEnv, type SubgraphConfig, subgraphEnvSchema } from '@radar/common';

const schema = subgraphEnvSchema.extend({
  IDENTITY_PORT: env.port.default(4004),
  ORGANISATIONS_URL: env.url.default('http://127.0.0.1:4002/graphql'),
});

export interface IdentityConfig extends SubgraphConfig {
  /** Where the organisations named by keys, grants and access requests are checked. */
  organisationsUrl: string;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const parsed = parseEnv(schema, source);
  return { ...parsed, port: parsed.IDENTITY_PORT, organisationsUrl: parsed.ORGANISATIONS_URL };
}
