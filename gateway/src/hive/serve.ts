// Hive Gateway in this process, with RADAR's configuration, over HTTP: what tests and benchmarks start.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import type { Database, Logger } from '@radar/common';
import type { GatewayConfig } from '../config.js';
import { radarHiveGateway } from './config.js';

export interface HiveGatewayService {
  /** The server's base URL; GraphQL is at `${url}/graphql`. */
  url: string;
  stop(): Promise<void>;
}

export async function startHiveGateway(
  config: GatewayConfig,
  options: { log?: Logger } = {},
): Promise<HiveGatewayService> {
  const radar = await radarHiveGateway(config, options);
  const { host: _host, port: _port, ...runtimeConfig } = radar.gatewayConfig;
  const runtime = createGatewayRuntime(runtimeConfig);
  const server = createServer(runtime);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.HOST, () => resolve());
    });
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return {
    url: `http://${host}:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // Disposing the runtime runs the plugins' onDispose, which closes the key store.
      await runtime.dispose();
    },
  };
}
