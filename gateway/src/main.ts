// Runs the gateway on its own: `node gateway/dist/main.js`.
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';
import { stopOnSignal } from './signals.js';

const gateway = await startGateway(loadGatewayConfig());
stopOnSignal(gateway.log, [gateway]);
