// The exporter keeps the dumps it serves fresh: all three formats, gzipped, with the uptake Data Cube beside them,
// written soon after it starts, again soon
// after the registry changes (once it has been quiet for RADAR_DUMP_DEBOUNCE_SECONDS) and at the latest every
// RADAR_DUMP_EVERY_HOURS. A dump replaces the last one only when it is complete, and carries as its modification
// time when the registry last changed before it was read: the dct:modified the catalogue gives it.
import { mkdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@radar/common';
import { tokenSignerFrom } from '@radar/common/subgraph-token';
import { dumpName, uptakeDumpName } from './catalog.js';
import type { ExporterConfig } from './config.js';
import { type DumpFormat, dumpFormats, writeDump, writeUptakeDumps } from './dump.js';
import { GatewayRecords } from './records.js';
import { SubgraphSource } from './sources.js';

export interface DumpSchedule {
  /** Resolves when the dumps under way (if any) are written. */
  settled(): Promise<void>;
  stop(): void;
}

export function scheduleDumps(config: ExporterConfig, log: Logger): DumpSchedule {
  const source = new SubgraphSource(config.subgraphUrls, tokenSignerFrom(config));
  const registry = new GatewayRecords(config.GATEWAY_URL);
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;
  /** The registry's last change that the served dumps hold; null before the first dump. */
  let dumpedAsOf: number | null = null;
  /** The last change seen by the previous look, so a rebuild waits until the registry has been quiet for a while. */
  let lastSeen: number | null = null;

  const refresh = () => {
    if (busy || stopped) return;
    busy = true;
    running = (async () => {
      try {
        await source.check();
        const asOf = (await registry.lastModified()) ?? new Date();
        await mkdir(config.RADAR_DUMP_DIR, { recursive: true });
        for (const format of Object.keys(dumpFormats) as DumpFormat[]) {
          if (stopped) return;
          const out = join(config.RADAR_DUMP_DIR, dumpName(format, true));
          const summary = await writeDump({
            source,
            context: { base: config.RADAR_BASE_IRI },
            format,
            gzip: true,
            out,
          });
          await utimes(out, asOf, asOf);
          log.info({ out, bytes: summary.bytes, records: summary.records, ms: summary.milliseconds }, 'dump written');
        }
        if (stopped) return;
        const cubes = await writeUptakeDumps({
          gatewayUrl: config.GATEWAY_URL,
          base: config.RADAR_BASE_IRI,
          formats: Object.keys(dumpFormats) as DumpFormat[],
          gzip: true,
          modified: asOf,
          outFor: (interval, format) => join(config.RADAR_DUMP_DIR, uptakeDumpName(interval, format, true)),
        });
        for (const cube of cubes) {
          await utimes(cube.out, asOf, asOf);
          log.info({ out: cube.out, bytes: cube.bytes, observations: cube.observations }, 'uptake cube written');
        }
        dumpedAsOf = asOf.getTime();
      } catch (error) {
        log.warn({ err: error }, 'the dumps could not be refreshed; the last complete ones are still served');
      } finally {
        busy = false;
      }
    })();
  };

  /** Rebuilds once a change newer than the dumps has stayed the newest for one look (or when none was written). */
  const look = async () => {
    if (busy || stopped) return;
    if (dumpedAsOf === null) return refresh();
    const newest = await registry.lastModified().then(
      (date) => date?.getTime() ?? null,
      () => null,
    );
    if (newest === null || newest <= dumpedAsOf) return;
    if (newest === lastSeen) refresh();
    lastSeen = newest;
  };

  const hours = config.RADAR_DUMP_EVERY_HOURS;
  const debounce = config.RADAR_DUMP_DEBOUNCE_SECONDS;
  const first = hours > 0 ? setTimeout(refresh, 1_000) : undefined;
  const every = hours > 0 ? setInterval(refresh, hours * 3_600_000) : undefined;
  const watch = hours > 0 && debounce > 0 ? setInterval(look, debounce * 1_000) : undefined;
  for (const timer of [first, every, watch]) timer?.unref();
  return {
    settled: () => running,
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      clearInterval(watch);
    },
  };
}
