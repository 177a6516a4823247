import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExporterConfig } from './config.js';

describe('loadExporterConfig', () => {
  it('keeps dumps under RADAR_DATA_DIR unless RADAR_DUMP_DIR says otherwise', () => {
    expect(loadExporterConfig({}).RADAR_DUMP_DIR).toBe(join('.data', 'dumps'));
    expect(loadExporterConfig({ RADAR_DATA_DIR: '/srv/radar' }).RADAR_DUMP_DIR).toBe('/srv/radar/dumps');
    expect(loadExporterConfig({ RADAR_DATA_DIR: '/srv/radar', RADAR_DUMP_DIR: '/var/www/dumps' }).RADAR_DUMP_DIR).toBe(
      '/var/www/dumps',
    );
  });
});
