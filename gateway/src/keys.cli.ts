// `pnpm keys mint|revoke|list`: manages API keys in the gateway's database. A minted key is printed once.
import { parseArgs } from 'node:util';
import { createLogger, type Role } from '@radar/common';
import { loadGatewayConfig } from './config.js';
import { openGatewayDatabase } from './gateway.js';
import { KeyRequestError, listKeys, mintKey, revokeKey } from './keys/key.store.js';

const usage = `Usage:
  pnpm keys mint --role curator --label "Jane Doe, RADAR curation team"
  pnpm keys mint --role editor --organisation <organisation id> --label "Smart Hospital editor"
  pnpm keys revoke <key id>
  pnpm keys list`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      organisation: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadGatewayConfig();
  const db = await openGatewayDatabase(config, createLogger('keys', 'warn'));
  try {
    const em = db.orm.em.fork();
    switch (command) {
      case 'mint': {
        const { key, token } = await mintKey(em, {
          role: (values.role ?? '') as Role,
          label: values.label ?? '',
          organisationId: values.organisation ?? null,
        });
        process.stdout.write(
          `Minted ${key.role} key ${key.id}${key.organisationId ? ` for organisation ${key.organisationId}` : ''}.\n` +
            'Store it now; it is not shown again:\n\n' +
            `${token}\n`,
        );
        return 0;
      }
      case 'revoke': {
        if (rest.length !== 1 || !rest[0]) throw new KeyRequestError('give the id of the key to revoke');
        const key = await revokeKey(em, rest[0]);
        process.stdout.write(`Revoked key ${key.id} (${key.label}).\n`);
        return 0;
      }
      case 'list': {
        for (const key of await listKeys(em)) {
          process.stdout.write(
            `${key.id}\t${key.role}\t${key.organisationId ?? '-'}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}\t${key.label}\n`,
          );
        }
        return 0;
      }
      default:
        throw new KeyRequestError(`unknown command "${command}"\n${usage}`);
    }
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof KeyRequestError || (error instanceof Error && error.name === 'ConfigError')) {
    process.stderr.write(`keys: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
