// `pnpm keys mint|revoke|list`: manages API keys in the gateway's database. A minted key is printed once.
// A request is checked before the database code is loaded (never the gateway's), so a refusal is immediate.
import { parseArgs } from 'node:util';
import { runCommand } from '@radar/common/command';
import { commonEnvSchema, parseEnv } from '@radar/common/config';
import type { EntityManager } from '@radar/common/database';
import type { Role } from '@radar/common/identity';
import { checkMintRequest, KeyRequestError } from './keys/key.request.js';

const usage = `Usage:
  pnpm keys mint --role curator --label "Jane Doe, RADAR curation team"
  pnpm keys mint --role editor --organisation <organisation id> --label "Smart Hospital editor"
  pnpm keys revoke <key id>
  pnpm keys list`;

type Store = typeof import('./keys/key.store.js');
type Options = { role?: string | undefined; label?: string | undefined; organisation?: string | undefined };

/** What a command does once the database is open, from arguments already checked; it returns what to print. */
function plan(command: string, rest: string[], values: Options): (store: Store, em: EntityManager) => Promise<string> {
  switch (command) {
    case 'mint': {
      const request = checkMintRequest({
        role: (values.role ?? '') as Role,
        label: values.label ?? '',
        organisationId: values.organisation ?? null,
      });
      return async (store, em) => {
        const { key, token } = await store.mintKey(em, request);
        return (
          `Minted ${key.role} key ${key.id}${key.organisationId ? ` for organisation ${key.organisationId}` : ''}.\n` +
          'Store it now; it is not shown again:\n\n' +
          `${token}\n`
        );
      };
    }
    case 'revoke': {
      const [id] = rest;
      if (rest.length !== 1 || !id) throw new KeyRequestError('give the id of the key to revoke');
      return async (store, em) => {
        const key = await store.revokeKey(em, id);
        return `Revoked key ${key.id} (${key.label}).\n`;
      };
    }
    case 'list':
      return async (store, em) =>
        (await store.listKeys(em))
          .map(
            (key) =>
              `${key.id}\t${key.role}\t${key.organisationId ?? '-'}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}\t${key.label}\n`,
          )
          .join('');
    default:
      throw new KeyRequestError(`unknown command "${command}"\n${usage}`);
  }
}

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
  const work = plan(command, rest, values);
  const config = parseEnv(commonEnvSchema);
  const [{ createLogger }, { openGatewayDatabase }, store] = await Promise.all([
    import('@radar/common/logger'),
    import('./keys/key.database.js'),
    import('./keys/key.store.js'),
  ]);
  const db = await openGatewayDatabase(config, createLogger('keys', 'warn'));
  try {
    process.stdout.write(await work(store, db.orm.em.fork()));
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand('keys', () => main(process.argv.slice(2)));
