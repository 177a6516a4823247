// Configuration of the practices subgraph, parsed once from the environment.
import { env, parseEnv, type SubgraphConfig, subgraphEnvSchema } from '@radar/common';

const schema = subgraphEnvSchema.extend({
  PRACTICES_PORT: env.port.default(4001),
  ORGANISATIONS_URL: env.url.default('http://127.0.0.1:4002/graphql'),
  PROJECTS_URL: env.url.default('http://127.0.0.1:4003/graphql'),
});

export interface PracticesConfig extends SubgraphConfig {
  organisationsUrl: string;
  /** Where adoptions' projects are checked. */
  projectsUrl: string;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): PracticesConfig {
  const parsed = parseEnv(schema, source);
  return {
    ...parsed,
    port: parsed.PRACTICES_PORT,
    organisationsUrl: parsed.ORGANISATIONS_URL,
    projectsUrl: parsed.PROJECTS_URL,
  };
}
