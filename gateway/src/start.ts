// `pnpm start`: every service and the gateway in one process, on the embedded database unless DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { commonEnvSchema, createLogger, parseEnv } from '@radar/common';
import { loadConfig as loadOrganisationsConfig, startOrganisations } from '@radar/organisations';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';
import { stopOnSignal } from './signals.js';

// Services started together share one signing secret; a fresh one per run is as good as any when none is set.
const environment = { ...process.env };
environment.RADAR_GATEWAY_SECRET ||= randomBytes(32).toString('base64url');

const log = createLogger('radar', parseEnv(commonEnvSchema, environment).LOG_LEVEL);
const organisations = await startOrganisations(loadOrganisationsConfig(environment));
const gatewayConfig = loadGatewayConfig({
  ...environment,
  ORGANISATIONS_URL: environment.ORGANISATIONS_URL || `${organisations.server.url}/graphql`,
});
const gateway = await startGateway(gatewayConfig).catch(async (error: unknown) => {
  await organisations.stop();
  throw error;
});
stopOnSignal(log, [organisations, gateway]);

process.stdout.write(
  [
    '',
    'RADAR is running:',
    `  GraphQL gateway        ${gateway.server.url}/graphql`,
    `  organisations subgraph ${organisations.server.url}/graphql`,
    `  database               ${organisations.db.location}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
