// Configuration of the organisations subgraph, parsed once from the environment.
import { env, parseEnv, type SubgraphConfig, subgraphEnvSchema } from '@radar/common';

const schema = subgraphEnvSchema.extend({
  ORGANISATIONS_PORT: env.port.default(4002),
});

export type OrganisationsConfig = SubgraphConfig;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): OrganisationsConfig {
  const parsed = parseEnv(schema, source);
  return { ...parsed, port: parsed.ORGANISATIONS_PORT };
}
