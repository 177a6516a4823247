// Runs the organisations subgraph on its own: `node services/organisations/dist/main.js`.

import { stopOnSignal } from '@radar/common';
import { startOrganisations } from './app.js';
import { loadConfig } from './config.js';

const service = await startOrganisations(loadConfig());
stopOnSignal(service.log, [service]);
