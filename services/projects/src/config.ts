// Configuration of the projects subgraph, parsed once from the environment.
import { env, parseEnv, type SubgraphConfig, subgraphEnvSchema } from '@radar/common';

const schema = subgraphEnvSchema.extend({
  PROJECTS_PORT: env.port.default(4003),
  ORGANISATIONS_URL: env.url.default('http://127.0.0.1:4002/graphql'),
  PRACTICES_URL: env.url.default('http://127.0.0.1:4001/graphql'),
});

export interface ProjectsConfig extends SubgraphConfig {
  organisationsUrl: string;
  practicesUrl: string;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): ProjectsConfig {
  const parsed = parseEnv(schema, source);
  return {
    ...parsed,
    port: parsed.PROJECTS_PORT,
    organisationsUrl: parsed.ORGANISATIONS_URL,
    practicesUrl: parsed.PRACTICES_URL,
  };
}
