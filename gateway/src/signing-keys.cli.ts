// `pnpm keys:signing [add|use <kid>|drop <kid>|public] [--alg EdDSA|ES256]`: prints the JWK set to configure as
// RADAR_SIGNING_KEYS, a new one or the current one a rotation step further, or its public keys.
import { parseArgs } from 'node:util';
import { commonEnvSchema, parseEnv } from '@radar/common/config';
import {
  generateSigningKey,
  type JwkSet,
  publicKeySet,
  rotation,
  type SigningAlgorithm,
} from '@radar/common/signing-keys';

const usage = `Usage:
  pnpm -s keys:signing [--alg EdDSA|ES256]   a new set with one key
  pnpm -s keys:signing add                   RADAR_SIGNING_KEYS with a new key after the others (published, not signing)
  pnpm -s keys:signing use <key id>          RADAR_SIGNING_KEYS with that key first (it signs)
  pnpm -s keys:signing drop <key id>         RADAR_SIGNING_KEYS without that key
  pnpm -s keys:signing public                RADAR_SIGNING_KEYS' public keys (for RADAR_TRUSTED_KEYS)`;

function run(argv: string[]): JwkSet {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { alg: { type: 'string', default: 'EdDSA' } },
  });
  if (values.alg !== 'EdDSA' && values.alg !== 'ES256') throw new Error('--alg must be EdDSA or ES256');
  const alg: SigningAlgorithm = values.alg;
  const [command, kid, ...extra] = positionals;
  if (command === undefined) return { keys: [generateSigningKey(alg)] };
  const current = parseEnv(commonEnvSchema).RADAR_SIGNING_KEYS;
  if (!current) throw new Error('set RADAR_SIGNING_KEYS to the current set first');
  const needsKid = command === 'use' || command === 'drop';
  if (extra.length > 0 || needsKid !== (kid !== undefined)) throw new Error(`wrong arguments for "${command}"`);
  switch (command) {
    case 'add':
      return rotation.add(current, alg);
    case 'use':
      return rotation.use(current, kid as string);
    case 'drop':
      return rotation.drop(current, kid as string);
    case 'public':
      return publicKeySet(current);
    default:
      throw new Error(`unknown command "${command}"`);
  }
}

try {
  process.stdout.write(`${JSON.stringify(run(process.argv.slice(2)))}\n`);
} catch (error) {
  process.stderr.write(`keys:signing: ${(error as Error).message}\n${usage}\n`);
  process.exitCode = 2;
}
