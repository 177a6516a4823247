// The gateway's own database, which holds the API keys: opened by the gateway and by `pnpm keys`, which loads no more.
import type { CommonConfig } from '@radar/common/config';
import { openDatabase } from '@radar/common/database';
import type { Logger } from '@radar/common/logger';
import { gatewayMigrations } from '../migrations/index.js';
import { ApiKeySchema } from './key.entity.js';

export function openGatewayDatabase(
  config: Pick<CommonConfig, 'DATABASE_URL' | 'DATABASE_PREFIX' | 'RADAR_DATA_DIR'>,
  log: Logger,
  embeddedDataDir?: string,
) {
  return openDatabase({
    service: 'gateway',
    entities: [ApiKeySchema],
    migrations: gatewayMigrations,
    config,
    log,
    ...(embeddedDataDir ? { embeddedDataDir } : {}),
  });
}
