import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CommandError, refusalOf } from './command.js';
import { ConfigError } from './config.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('refusalOf', () => {
  it('turns the refusals a command expects into one line and an exit code', () => {
    expect(refusalOf(new CommandError('no key has id 0'))).toEqual({ message: 'no key has id 0', exitCode: 2 });
    expect(refusalOf(new CommandError('gone', 1))).toEqual({ message: 'gone', exitCode: 1 });
    expect(refusalOf(new ConfigError('Invalid configuration'))).toEqual({
      message: 'Invalid configuration',
      exitCode: 2,
    });
    const inUse = Object.assign(new Error('The embedded gateway database is in use'), { name: 'DatabaseInUseError' });
    expect(refusalOf(inUse)).toEqual({ message: 'The embedded gateway database is in use', exitCode: 1 });
    const unknownOption = (() => {
      try {
        parseArgs({ args: ['--bogus'], options: {} });
      } catch (error) {
        return error;
      }
    })();
    expect(refusalOf(unknownOption)).toMatchObject({ message: expect.stringMatching(/--bogus/), exitCode: 2 });
    expect(refusalOf(withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))).toEqual({
      message: 'cannot use the PostgreSQL server in DATABASE_URL: connect ECONNREFUSED 127.0.0.1:9',
      exitCode: 1,
    });
    expect(refusalOf(withCode('role "nobody" does not exist', '28000'))?.exitCode).toBe(1);
    expect(refusalOf(withCode('listen EADDRINUSE: address already in use 127.0.0.1:4000', 'EADDRINUSE'))).toEqual({
      message: 'listen EADDRINUSE: address already in use 127.0.0.1:4000: is RADAR running already?',
      exitCode: 1,
    });
  });

  it('leaves anything else to be thrown with its stack', () => {
    expect(refusalOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(refusalOf(withCode('EACCES: permission denied', 'EACCES'))).toBeNull();
    expect(refusalOf('a string')).toBeNull();
  });
});
