// Runs the practices subgraph on its own: `node services/practices/dist/main.js`.
import { stopOnSignal } from '@radar/common';
import { startPractices } from './app.js';
import { loadConfig } from './config.js';

const service = await startPractices(loadConfig());
stopOnSignal(service.log, [service]);
