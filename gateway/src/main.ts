// Runs the gateway on its own: `node gateway/dist/main.js`.

import { startOrRefuse, stopOnSignal } from '@radar/common';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

const gateway = await startOrRefuse('gateway', () => startGateway(loadGatewayConfig()));
stopOnSignal(gateway.log, [gateway]);
