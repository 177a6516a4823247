// Runs the projects subgraph on its own: `node services/projects/dist/main.js`.
import { stopOnSignal } from '@radar/common';
import { startProjects } from './app.js';
import { loadConfig } from './config.js';

const service = await startProjects(loadConfig());
stopOnSignal(service.log, [service]);
