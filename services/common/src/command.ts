// What every RADAR command shares: an expected refusal is one line on stderr and an exit code, never a stack trace.

/** A request the command refuses (bad arguments, an unknown id): exit code 2 unless given. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

// Errors whose message already says what is wrong and what to do; by name, so this module loads no database code.
const expectedByName: Record<string, number> = {
  ConfigError: 2,
  DatabaseInUseError: 1,
};
const badArguments = /^ERR_PARSE_ARGS_/;
// The database server cannot be reached or refuses the login: the operator's setting, not a fault of the command.
const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '28000',
  '28P01',
  '3D000',
]);

/** The line and exit code an expected refusal ends a command with; null for anything else, which keeps its stack. */
export function refusalOf(error: unknown): { message: string; exitCode: number } | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof CommandError) return { message: error.message, exitCode: error.exitCode };
  const byName = expectedByName[error.name];
  if (byName !== undefined) return { message: error.message, exitCode: byName };
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (badArguments.test(code)) return { message: error.message, exitCode: 2 };
  if (unreachable.has(code))
    return { message: `cannot use the PostgreSQL server in DATABASE_URL: ${error.message}`, exitCode: 1 };
  if (code === 'EADDRINUSE') return { message: `${error.message}: is RADAR running already?`, exitCode: 1 };
  return null;
}

/**
 * Runs a command's `main` and exits with the code it returns. An expected refusal prints `name: message` and exits
 * with its code; anything else is a bug and is thrown with its stack.
 */
export async function runCommand(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    process.stderr.write(`${name}: ${refusal.message}\n`);
    process.exitCode = refusal.exitCode;
  }
}

/**
 * Starts a long-running service: an expected refusal (a bad setting, a database in use, a port taken) prints
 * `name: message` and exits with its code instead of a stack trace.
 */
export async function startOrRefuse<T>(name: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    process.stderr.write(`${name}: ${refusal.message}\n`);
    process.exit(refusal.exitCode);
  }
}
