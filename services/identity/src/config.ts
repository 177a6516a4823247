// Configuration of the identity subgraph, parsed once from the environment.
import { parseEnv, portSetting, type SubgraphConfig, subgraph, subgraphEnvSchema, urlSettings } from '@radar/common';

const schema = subgraphEnvSchema.extend({ ...portSetting('identity'), ...urlSettings(subgraph('identity').calls) });

export interface IdentityConfig extends SubgraphConfig {
  /** Where the organisations named by keys, grants and access requests are checked. */
  organisationsUrl: string;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const parsed = parseEnv(schema, source);
  return { ...parsed, port: parsed.IDENTITY_PORT, organisationsUrl: parsed.ORGANISATIONS_URL };
}
