// Configuration of the practices subgraph, parsed once from the environment.
import { parseEnv, portSetting, type SubgraphConfig, subgraph, subgraphEnvSchema, urlSettings } from '@radar/common';
import { z } from 'zod';

const schema = subgraphEnvSchema.extend({
  ...portSetting('practices'),
  ...urlSettings(subgraph('practices').calls),
  RADAR_SIMILAR_EVERY_MS: z.coerce.number().int().min(0).max(3_600_000).default(500),
});

export interface PracticesConfig extends SubgraphConfig {
  organisationsUrl: string;
  /** Where adoptions' projects are checked. */
  projectsUrl: string;
  /** How often the queue of practices to rank for Practice.similar is looked at; 0: never in this process. */
  similarEveryMs: number;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): PracticesConfig {
  const parsed = parseEnv(schema, source);
  return {
    ...parsed,
    port: parsed.PRACTICES_PORT,
    organisationsUrl: parsed.ORGANISATIONS_URL,
    projectsUrl: parsed.PROJECTS_URL,
    similarEveryMs: parsed.RADAR_SIMILAR_EVERY_MS,
  };
}
