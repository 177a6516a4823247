// Configuration of the exporter, parsed once from the environment.
import { join } from 'node:path';
import { commonEnvSchema, env, parseEnv } from '@radar/common/config';
import { corsEnvSchema } from '@radar/common/cors';
import { type SubgraphName, subgraphs, subgraphUrls, urlSettings } from '@radar/common/manifest';
import { z } from 'zod';

/** The subgraphs that serve record streams for full dumps. */
const streamingSubgraphs = subgraphs.filter((entry) => entry.streams.length > 0).map((entry) => entry.name);

const schema = commonEnvSchema.extend({
  EXPORTER_PORT: env.port.default(4010),
  GATEWAY_URL: env.url.default('http://127.0.0.1:4000/graphql'),
  // The subgraphs a full dump streams from (`pnpm export --via subgraphs`): the same settings the gateway reads.
  ...urlSettings(streamingSubgraphs),
  RADAR_BASE_IRI: env.url
    .default('http://127.0.0.1:4010')
    .transform((value) => value.replace(/\/+$/, ''))
    .refine((value) => !/[?#]/.test(value), 'must not have a query or fragment'),
  // Unset: `dumps` under RADAR_DATA_DIR, beside the embedded databases.
  RADAR_DUMP_DIR: z.string().min(1).optional(),
  // The served dumps are rewritten this often (and soon after start); 0 leaves them to `pnpm export`.
  RADAR_DUMP_EVERY_HOURS: z.coerce.number().min(0).max(8_760).default(24),
  // ...and rebuilt once the registry has changed and then stayed quiet this long; 0 waits for the schedule.
  RADAR_DUMP_DEBOUNCE_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  // The SPARQL endpoint: how long one query may run, how many results (rows or triples) it may give, how many wait
  // behind the one running, and how often the store looks for changes to load (0: only at start).
  RADAR_SPARQL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  RADAR_SPARQL_MAX_RESULTS: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  RADAR_SPARQL_MAX_QUEUE: z.coerce.number().int().min(1).max(1_000).default(16),
  RADAR_SPARQL_REFRESH_SECONDS: z.coerce.number().min(0).max(86_400).default(2),
  RADAR_PUBLIC_GRAPHQL_URL: env.url.optional(),
  RADAR_CONTACT_EMAIL: z.email().default('radar@example.org'),
  RADAR_PUBLISHER_NAME: z.string().min(1).default('RADAR'),
  ...corsEnvSchema.shape,
});

export type ExporterConfig = Omit<z.infer<typeof schema>, 'RADAR_DUMP_DIR'> & {
  port: number;
  RADAR_DUMP_DIR: string;
  /** Each streaming subgraph's GraphQL address, by name. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
};

export function loadExporterConfig(source: NodeJS.ProcessEnv = process.env): ExporterConfig {
  const parsed = parseEnv(schema, source);
  return {
    ...parsed,
    port: parsed.EXPORTER_PORT,
    subgraphUrls: subgraphUrls(parsed, streamingSubgraphs),
    RADAR_DUMP_DIR: parsed.RADAR_DUMP_DIR ?? join(parsed.RADAR_DATA_DIR, 'dumps'),
  };
}
