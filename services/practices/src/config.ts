// Configuration of the practices subgraph, parsed once from the environment.
import { parseEnv, portSetting, type SubgraphConfig, subgraph, subgraphEnvSchema, urlSettings } from '@radar/common';

const schema = subgraphEnvSchema.extend({ ...portSetting('practices'), ...urlSettings(subgraph('practices').calls) });

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
