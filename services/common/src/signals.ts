// Stops running services cleanly, in reverse start order, on Ctrl-C or SIGTERM.
import type { Logger } from './logger.js';

export function stopOnSignal(log: Logger, services: { stop(): Promise<void> }[]) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      try {
        for (const service of [...services].reverse()) await service.stop();
        process.exit(0);
      } catch (error) {
        log.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      }
    });
  }
}
