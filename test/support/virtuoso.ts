// A throwaway OpenLink Virtuoso (Debian's virtuoso-opensource-7-bin) for tests: its own database in a temporary
// folder, on free loopback ports, loaded with Virtuoso's bulk loader and asked over its SPARQL endpoint.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Virtuoso {
  /** The folder the bulk loader may read: put dumps here. */
  dir: string;
  /** Loads `file` (in `dir`; .nt, .nq, .ttl, optionally .gz) into `graph` with ld_dir and rdf_loader_run. */
  bulkLoad(file: string, graph: string): Promise<void>;
  /** A SELECT over `graph` as its default graph (the SPARQL protocol's default-graph-uri): rows of plain values. */
  select(query: string, graph: string): Promise<Record<string, string>[]>;
  stop(): Promise<void>;
}

export async function startVirtuoso(): Promise<Virtuoso> {
  const dir = await mkdtemp(join(tmpdir(), 'radar-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  const ini = join(dir, 'virtuoso.ini');
  await writeFile(
    ini,
    `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DirsAllowed = ., ${dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxClientConnections = 4

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
`,
  );
  const server: ChildProcess = spawn('virtuoso-t', ['+foreground', '+configfile', ini], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // In the foreground the server writes its log to stderr.
  let stderr = '';
  let online = false;
  server.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
    online ||= /Server online at/.test(stderr);
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  // A new database takes a while to be made; the server says when it is online.
  const deadline = Date.now() + 150_000;
  while (!online) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Virtuoso did not start (exit ${server.exitCode}): ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const isql = async (statements: string) => {
    const { stdout } = await run('isql-vt', [`127.0.0.1:${sqlPort}`, 'dba', 'dba', `exec=${statements}`]);
    return stdout;
  };
  return {
    dir,
    async bulkLoad(file, graph) {
      await isql(`ld_dir('${dir}', '${file}', '${graph}'); rdf_loader_run(); checkpoint;`);
      const errors = await isql('select ll_file, ll_error from DB.DBA.load_list where ll_error is not null;');
      if (!/0 Rows\./.test(errors)) throw new Error(`Virtuoso's bulk loader reported errors: ${errors}`);
    },
    async select(query, graph) {
      const response = await fetch(`${endpoint}?${new URLSearchParams({ query, 'default-graph-uri': graph })}`, {
        headers: { accept: 'application/sparql-results+json' },
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Virtuoso answered ${response.status}: ${text.slice(0, 1000)}`);
      const body = JSON.parse(text) as { results: { bindings: Record<string, { value: string }>[] } };
      return body.results.bindings.map((row) =>
        Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value])),
      );
    },
    stop,
  };
}
