// Runs the identity subgraph on its own: `node services/identity/dist/main.js`.

import { stopOnSignal } from '@radar/common';
import { startIdentity } from './app.js';
import { loadConfig } from './config.js';

const service = await startIdentity(loadConfig());
stopOnSignal(service.log, [service]);
