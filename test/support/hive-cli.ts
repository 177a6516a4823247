// Hive Gateway as an operator runs it: the hive-gateway command with RADAR's compiled configuration file, in a
// process of its own, on a free port, in front of the subgraphs (and the identity store) of `environment`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const gatewayPackage = new URL('../../gateway/', import.meta.url);
const hivePackage = createRequire(new URL('package.json', gatewayPackage)).resolve(
  '@graphql-hive/gateway/package.json',
);
const command = join(hivePackage, '..', 'dist', 'bin.js');
const configFile = new URL('dist/hive/gateway.config.js', gatewayPackage).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface HiveGatewayCli {
  /** The GraphQL endpoint. */
  url: string;
  curator: string;
  stop(): Promise<void>;
}

export async function startHiveGatewayCli(environment: NodeJS.ProcessEnv, curator: string): Promise<HiveGatewayCli> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radar-hive-'));
  const env = {
    ...process.env,
    ...environment,
    RADAR_DATA_DIR: dataDir,
    GATEWAY_PORT: String(await freePort()),
    // Hive Gateway's command reads LOG_LEVEL too, and knows no `silent`.
    LOG_LEVEL: 'error',
  };

  const child: ChildProcess = spawn(process.execPath, [command, 'supergraph', '--config-path', configFile], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${env.GATEWAY_PORT}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`hive-gateway exited with ${child.exitCode}:\n${output}`);
    }
    const ready = await fetch(`${base}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`hive-gateway was not ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url: `${base}/graphql`, curator, stop };
}
