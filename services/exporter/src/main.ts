// Runs the exporter on its own: `node services/exporter/dist/main.js`.
import { createLogger, startOrRefuse, stopOnSignal } from '@radar/common';
import { loadExporterConfig } from './config.js';
import { startExporter } from './server.js';

const { server, log } = await startOrRefuse('exporter', async () => {
  const config = loadExporterConfig();
  const log = createLogger('exporter', config.LOG_LEVEL);
  return { server: await startExporter(config, log), log };
});
stopOnSignal(log, [{ stop: () => server.close() }]);
