// `node gateway/dist/manifest.cli.js ports|urls|profiles [--offset N]`: the manifest of subgraphs as words a shell
// script uses (`.ci/run`): `<NAME>_PORT=<port>` or `<NAME>_URL=http://127.0.0.1:<port>/graphql` per subgraph, ports
// moved by N, or the compose profiles.
import { parseArgs } from 'node:util';
import { CommandError, runCommand } from '@radar/common/command';
import { subgraphs } from '@radar/common/manifest';
import { composeProfiles } from './docker-compose.js';

await runCommand('manifest', async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { offset: { type: 'string' } } });
  const offset = Number(values.offset ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new CommandError('--offset must be a whole number of ports');
  const words: Record<string, () => string[]> = {
    ports: () => subgraphs.map(({ portVariable, port }) => `${portVariable}=${port + offset}`),
    urls: () => subgraphs.map(({ urlVariable, port }) => `${urlVariable}=http://127.0.0.1:${port + offset}/graphql`),
    profiles: () => Object.keys(composeProfiles),
  };
  const list = words[positionals[0] ?? ''];
  if (!list || positionals.length !== 1) {
    throw new CommandError('usage: manifest.cli.js ports|urls|profiles [--offset N]');
  }
  process.stdout.write(`${list().join(' ')}\n`);
  return 0;
});
