// `pnpm keys mint|revoke|list`: manages API keys in the identity store. A minted key is printed once.
// When the embedded identity database is in use, RADAR is running on it: the command then asks the running identity
// service, signed as the local operator with the data folder's signing keys. Otherwise it opens the database itself.
// A request is checked before any database code is loaded, so a refusal is immediate.
import { parseArgs } from 'node:util';
import { CommandError, runCommand } from '@radar/common/command';
import { commonEnvSchema, env, parseEnv } from '@radar/common/config';
import type { Role } from '@radar/common/identity';
import { checkMintRequest, KeyRequestError } from '@radar/identity/request';
import { GraphQLError } from 'graphql';

const usage = `Usage:
  pnpm keys mint --role curator --label "Jane Doe, RADAR curation team" [--expires 2027-12-31]
  pnpm keys mint --role editor --organisation <organisation id> --label "Smart Hospital editor" [--expires …]
  pnpm keys revoke <key id>
  pnpm keys list`;

const configSchema = commonEnvSchema.extend({
  IDENTITY_URL: env.url.default('http://127.0.0.1:4004/graphql'),
  ORGANISATIONS_URL: env.url.default('http://127.0.0.1:4002/graphql'),
});
type KeysConfig = ReturnType<typeof configSchema.parse>;

type Options = {
  role?: string | undefined;
  label?: string | undefined;
  organisation?: string | undefined;
  expires?: string | undefined;
};
type MintRequest = ReturnType<typeof checkMintRequest>;

/** A key as both ways of reaching the store report it. */
interface KeyRow {
  id: string;
  label: string;
  role: string;
  organisationId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The store, opened directly or reached through the running identity service. */
interface KeyStore {
  mint(request: MintRequest): Promise<{ key: KeyRow; token: string }>;
  revoke(id: string): Promise<KeyRow>;
  list(): Promise<KeyRow[]>;
  close(): Promise<void>;
}

function statusOf(key: KeyRow, now = new Date()) {
  if (key.revokedAt) return `revoked ${key.revokedAt.toISOString()}`;
  if (key.expiresAt && key.expiresAt <= now) return `expired ${key.expiresAt.toISOString()}`;
  return key.expiresAt ? `active until ${key.expiresAt.toISOString()}` : 'active';
}

/** What a command does once the store is reached, from arguments already checked; it returns what to print. */
function plan(command: string, rest: string[], values: Options): (store: KeyStore) => Promise<string> {
  switch (command) {
    case 'mint': {
      const expiresAt = values.expires === undefined ? null : new Date(values.expires);
      if (expiresAt && Number.isNaN(expiresAt.getTime())) {
        throw new KeyRequestError(`--expires must be a date or a moment (ISO 8601), not "${values.expires}"`);
      }
      const request = checkMintRequest({
        role: (values.role ?? '') as Role,
        label: values.label ?? '',
        organisationId: values.organisation ?? null,
        expiresAt,
      });
      return async (store) => {
        const { key, token } = await store.mint(request);
        return (
          `Minted ${key.role} key ${key.id}${key.organisationId ? ` for organisation ${key.organisationId}` : ''}` +
          `${key.expiresAt ? `, valid until ${key.expiresAt.toISOString()}` : ''}.\n` +
          'Store it now; it is not shown again:\n\n' +
          `${token}\n`
        );
      };
    }
    case 'revoke': {
      const [id] = rest;
      if (rest.length !== 1 || !id) throw new KeyRequestError('give the id of the key to revoke');
      return async (store) => {
        const key = await store.revoke(id);
        return `Revoked key ${key.id} (${key.label}).\n`;
      };
    }
    case 'list':
      return async (store) =>
        (await store.list())
          .map((key) => `${key.id}\t${key.role}\t${key.organisationId ?? '-'}\t${statusOf(key)}\t${key.label}\n`)
          .join('')
          .replace(/^$/, 'No keys yet.\n');
    default:
      throw new KeyRequestError(`unknown command "${command}"\n${usage}`);
  }
}

/** A refusal of the store, as the command reports it: bad input exits 2, anything else 1. */
function refusal(error: { message: string; extensions?: object | undefined }) {
  const code = (error.extensions as { code?: unknown } | undefined)?.code;
  return new CommandError(error.message, code === 'BAD_USER_INPUT' ? 2 : 1);
}

async function openDirectly(config: KeysConfig): Promise<KeyStore | 'in use'> {
  const [{ createLogger }, { openIdentityDatabase, mintKey, revokeKey, listKeys, localOperator, callerOf }, common] =
    await Promise.all([import('@radar/common/logger'), import('@radar/identity'), import('@radar/common')]);
  let db: Awaited<ReturnType<typeof openIdentityDatabase>>;
  try {
    db = await openIdentityDatabase(config, createLogger('keys', 'warn'));
  } catch (error) {
    if (error instanceof Error && error.name === 'DatabaseInUseError') return 'in use';
    throw error;
  }
  const lookup = {
    organisations: new common.SubgraphOrganisationDirectory(config.ORGANISATIONS_URL, signerOf(config, common)),
    requestId: 'pnpm-keys',
  };
  const row = async (key: {
    id: string;
    label: string;
    expiresAt?: Date | null | undefined;
    revokedAt?: Date | null | undefined;
  }): Promise<KeyRow> => {
    const caller = await callerOf(db.orm.em.fork(), 'key', key.id, key.label);
    return {
      id: key.id,
      label: key.label,
      expiresAt: key.expiresAt ?? null,
      revokedAt: key.revokedAt ?? null,
      role: caller.curator ? 'curator' : 'editor',
      organisationId: caller.organisations[0] ?? null,
    };
  };
  const guarded = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GraphQLError) {
        if (error.extensions.code === 'SERVICE_UNAVAILABLE') {
          throw new CommandError(
            `${error.message} An editor key's organisation is checked at ORGANISATIONS_URL (${config.ORGANISATIONS_URL}): start RADAR, or point it there.`,
            1,
          );
        }
        throw refusal(error);
      }
      throw error;
    }
  };
  return {
    mint: (request) =>
      guarded(async () => {
        const { key, token } = await mintKey(db.orm.em.fork(), localOperator, lookup, request);
        return { key: await row(key), token };
      }),
    revoke: (id) => guarded(async () => row(await revokeKey(db.orm.em.fork(), localOperator, id))),
    list: async () => Promise.all((await listKeys(db.orm.em.fork())).map(row)),
    close: () => db.close(),
  };
}

const KEY_FIELDS = 'id label expiresAt revokedAt roles { role organisation { id } }';
type KeyAnswer = {
  id: string;
  label: string;
  expiresAt: string | null;
  revokedAt: string | null;
  roles: { role: string; organisation: { id: string } | null }[];
};

function rowOf(key: KeyAnswer): KeyRow {
  const curator = key.roles.some((grant) => grant.role === 'CURATOR');
  return {
    id: key.id,
    label: key.label,
    role: curator ? 'curator' : 'editor',
    organisationId: key.roles.find((grant) => grant.organisation)?.organisation?.id ?? null,
    expiresAt: key.expiresAt ? new Date(key.expiresAt) : null,
    revokedAt: key.revokedAt ? new Date(key.revokedAt) : null,
  };
}

/**
 * What signs this command's calls to the services: the configured RADAR_SIGNING_KEYS, else the keys `pnpm start`
 * keeps in the data folder.
 */
function signerOf(config: KeysConfig, common: typeof import('@radar/common')) {
  const local = common.readLocalSigningKeys(config.RADAR_DATA_DIR);
  const keys = config.RADAR_SIGNING_KEYS ?? (local ? common.parseJwkSet(local, 'private') : undefined);
  return common.tokenSignerFrom({ ...config, RADAR_SIGNING_KEYS: keys });
}

/** The running identity service, called as the local operator (a curator) with the data folder's signing keys. */
async function throughService(config: KeysConfig): Promise<KeyStore> {
  const common = await import('@radar/common');
  const signer = signerOf(config, common);
  if (!signer) {
    throw new CommandError(
      `RADAR is running on ${config.RADAR_DATA_DIR}, but its signing keys are not there: set RADAR_SIGNING_KEYS to the ones it runs with.`,
      1,
    );
  }
  const { localOperator } = await import('@radar/identity');
  const client = new common.SubgraphClient('identity', config.IDENTITY_URL, signer);
  async function ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let result: Awaited<ReturnType<typeof client.request<T>>>;
    try {
      result = await client.request<T>(query, variables, localOperator, `pnpm-keys-${Date.now()}`);
    } catch {
      throw new CommandError(
        `RADAR holds the embedded identity database, but its identity service at ${config.IDENTITY_URL} could not be reached: set IDENTITY_URL to where it runs, or stop RADAR.`,
        1,
      );
    }
    const [error] = result.errors ?? [];
    if (error) throw refusal(error);
    if (!result.data) throw new CommandError('the identity service gave no answer', 1);
    return result.data;
  }
  return {
    async mint(request) {
      const data = await ask<{ mintApiKey: { key: KeyAnswer; secret: string } }>(
        `mutation($input: MintApiKeyInput!) { mintApiKey(input: $input) { secret key { ${KEY_FIELDS} } } }`,
        {
          input: {
            label: request.label,
            role: request.role.toUpperCase(),
            organisationId: request.organisationId,
            expiresAt: request.expiresAt?.toISOString() ?? null,
          },
        },
      );
      return { key: rowOf(data.mintApiKey.key), token: data.mintApiKey.secret };
    },
    async revoke(id) {
      const data = await ask<{ revokeApiKey: KeyAnswer }>(
        `mutation($id: String!) { revokeApiKey(id: $id) { ${KEY_FIELDS} } }`,
        { id },
      );
      return rowOf(data.revokeApiKey);
    },
    async list() {
      const data = await ask<{ apiKeys: KeyAnswer[] }>(`{ apiKeys { ${KEY_FIELDS} } }`, {});
      return data.apiKeys.map(rowOf);
    },
    close: async () => {},
  };
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      organisation: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const work = plan(command, rest, values);
  const config = parseEnv(configSchema);
  const direct = await openDirectly(config);
  const store = direct === 'in use' ? await throughService(config) : direct;
  try {
    process.stdout.write(await work(store));
    return 0;
  } finally {
    await store.close();
  }
}

await runCommand('keys', () => main(process.argv.slice(2)));
