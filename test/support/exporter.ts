// Starts the exporter over a test stack on a free loopback port that is also its base IRI, so every IRI it
// publishes (records, the JSON-LD context, code lists) answers at that address.
import { createServer } from 'node:net';
import { urlEnvironment } from '@radar/common';
import { type ExporterServer, loadExporterConfig, startExporter } from '@radar/exporter';
import { type Stack, testEnvironment } from './stack.js';

async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startExporterAtItsBase(
  stack: Stack,
  env: Record<string, string> = {},
): Promise<{ exporter: ExporterServer; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const exporter = await startExporter(
    loadExporterConfig({
      ...testEnvironment(),
      EXPORTER_PORT: String(port),
      GATEWAY_URL: stack.gatewayUrl,
      ...urlEnvironment(stack.urls),
      RADAR_SIGNING_KEYS: stack.signingKeys,
      RADAR_BASE_IRI: base,
      ...env,
    }),
  );
  return { exporter, base };
}
