// Hive Gateway's configuration file: `hive-gateway supergraph --config-path gateway/dist/hive/gateway.config.js`.
import { defineConfig } from '@graphql-hive/gateway';
import { loadGatewayConfig } from '../config.js';
import { radarHiveGateway } from './config.js';

const radar = await radarHiveGateway(loadGatewayConfig());

export const gatewayConfig = defineConfig(radar.gatewayConfig);
