// Runs the practices subgraph on its own: `node services/practices/dist/main.js`.
import { startPractices } from './app.js';
import { loadConfig } from './config.js';

const service = await startPractices(loadConfig());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    service.log.info({ signal }, 'stopping');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.log.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  });
}
