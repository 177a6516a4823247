// Runs the exporter on its own: `node services/exporter/dist/main.js`.
import { createLogger, stopOnSignal } from '@radar/common';
import { loadExporterConfig } from './config.js';
import { startExporter } from './server.js';

const config = loadExporterConfig();
const log = createLogger('exporter', config.LOG_LEVEL);
const server = await startExporter(config, log);
stopOnSignal(log, [{ stop: () => server.close() }]);
