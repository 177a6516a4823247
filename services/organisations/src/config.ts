// Configuration of the organisations subgraph, parsed once from the environment.
import { parseEnv, portSetting, type SubgraphConfig, subgraphEnvSchema } from '@radar/common';

const schema = subgraphEnvSchema.extend(portSetting('organisations'));

export type OrganisationsConfig = SubgraphConfig;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): OrganisationsConfig {
  const parsed = parseEnv(schema, source);
  return { ...parsed, port: parsed.ORGANISATIONS_PORT };
}
