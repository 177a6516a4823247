// A throw-away PostgreSQL server of the test's own (initdb + pg_ctl in a temp folder, on a free port), for tests
// that stop or restart the database: the shared server other tests use is never touched.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface OwnPostgres {
  /** A URL of the server's `postgres` database, as DATABASE_URL takes it. */
  url: string;
  port: number;
  /** Shuts the server down: `fast` ends every session with 57P01 (a clean restart), `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function commandLine(program: string, args: string[]): [string, string[]] {
  const command = join(bin, program);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function pg(program: string, args: string[]) {
  const [command, commandArgs] = commandLine(program, args);
  return run(command, commandArgs, { timeout: 60_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const folder = mkdtempSync(join(tmpdir(), 'radar-pg-'));
  const data = join(folder, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(folder, Number(stdout.trim()), Number(group.trim()));
  }
  const port = await freePort();
  // A test server: fsync off for speed. Stops and crashes of the server process still lose nothing, since the
  // operating system keeps what was written.
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  let running = false;
  // Whatever happens to the test (a hook that times out, a crash), the server does not outlive its process.
  const stopOnExit = () => {
    if (running) {
      const [command, commandArgs] = commandLine('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
      execFileSync(command, commandArgs, { stdio: 'ignore', timeout: 30_000 });
    }
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  const own: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pg('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      await pg('pg_ctl', ['-D', data, '-w', '-t', '30', '-m', mode, 'stop']);
      running = false;
    },
    async destroy() {
      try {
        if (running) await own.stop('immediate');
      } finally {
        rmSync(folder, { recursive: true, force: true });
        process.off('exit', stopOnExit);
      }
    },
  };
  try {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await own.start();
  } catch (error) {
    await own.destroy();
    throw error;
  }
  return own;
}
