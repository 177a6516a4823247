// The exporter keeps the dumps it serves fresh: all three formats, gzipped, written soon after it starts and then
// every RADAR_DUMP_EVERY_HOURS. A dump replaces the last one only when it is complete.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@radar/common';
import type { ExporterConfig } from './config.js';
import { type DumpFormat, dumpFormats, writeDump } from './dump.js';
import { SubgraphSource } from './sources.js';

export interface DumpSchedule {
  /** Resolves when the dumps under way (if any) are written. */
  settled(): Promise<void>;
  stop(): void;
}

export function scheduleDumps(config: ExporterConfig, log: Logger): DumpSchedule {
  const source = new SubgraphSource(
    { organisations: config.ORGANISATIONS_URL, practices: config.PRACTICES_URL, projects: config.PROJECTS_URL },
    config.RADAR_GATEWAY_SECRET,
  );
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const refresh = () => {
    if (busy || stopped) return;
    busy = true;
    running = (async () => {
      try {
        await source.check();
        await mkdir(config.RADAR_DUMP_DIR, { recursive: true });
        for (const format of Object.keys(dumpFormats) as DumpFormat[]) {
          if (stopped) return;
          const out = join(config.RADAR_DUMP_DIR, `radar.${dumpFormats[format].extension}.gz`);
          const summary = await writeDump({
            source,
            context: { base: config.RADAR_BASE_IRI },
            format,
            gzip: true,
            out,
          });
          log.info({ out, bytes: summary.bytes, records: summary.records, ms: summary.milliseconds }, 'dump written');
        }
      } catch (error) {
        log.warn({ err: error }, 'the dumps could not be refreshed; the last complete ones are still served');
      } finally {
        busy = false;
      }
    })();
  };
  const hours = config.RADAR_DUMP_EVERY_HOURS;
  const first = hours > 0 ? setTimeout(refresh, 1_000) : undefined;
  const every = hours > 0 ? setInterval(refresh, hours * 3_600_000) : undefined;
  first?.unref();
  every?.unref();
  return {
    settled: () => running,
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
