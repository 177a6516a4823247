// Configuration of the projects subgraph, parsed once from the environment.
import { parseEnv, portSetting, type SubgraphConfig, subgraph, subgraphEnvSchema, urlSettings } from '@radar/common';

const schema = subgraphEnvSchema.extend({ ...portSetting('projects'), ...urlSettings(subgraph('projects').calls) });

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
