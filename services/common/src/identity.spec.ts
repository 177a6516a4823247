import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anonymous,
  type Caller,
  localSecret,
  localSecretFile,
  readLocalSecret,
  signCaller,
  verifyCaller,
} from './identity.js';

const secret = 'a-shared-secret-of-at-least-32-characters';

function headersOf(signed: Record<string, string>, requestId: string) {
  return { caller: signed['x-radar-caller'], signature: signed['x-radar-signature'], requestId };
}

describe('signed caller claims', () => {
  it('round-trips a caller for the request it was issued for', () => {
    const caller: Caller = { kind: 'person', id: 'a1', label: 'Editor', curator: false, organisations: ['org'] };
    expect(verifyCaller(secret, headersOf(signCaller(secret, caller, 'r1'), 'r1'))).toEqual({ ok: true, caller });
  });

  it('rejects missing, foreign, replayed and stale claims', () => {
    expect(verifyCaller(secret, { requestId: 'r1' })).toMatchObject({ ok: false, reason: 'missing gateway signature' });
    expect(verifyCaller(secret, headersOf(signCaller(`${secret}x`, anonymous, 'r1'), 'r1'))).toMatchObject({
      ok: false,
      reason: 'bad gateway signature',
    });
    expect(verifyCaller(secret, headersOf(signCaller(secret, anonymous, 'r1'), 'r2'))).toMatchObject({ ok: false });
    const old = signCaller(secret, anonymous, 'r1', Date.now() - 301_000);
    expect(verifyCaller(secret, headersOf(old, 'r1'))).toMatchObject({ ok: false, reason: 'expired caller claim' });
  });
});

describe('the local signing secret of a data folder', () => {
  it('is made once, readable by its owner only, and read back by local tools', () => {
    const root = mkdtempSync(join(tmpdir(), 'radar-secret-'));
    const dataDir = join(root, '.data');
    try {
      expect(readLocalSecret(dataDir)).toBeUndefined();
      const made = localSecret(dataDir);
      expect(made.length).toBeGreaterThanOrEqual(32);
      expect(statSync(localSecretFile(dataDir)).mode & 0o777).toBe(0o600);
      expect(localSecret(dataDir)).toBe(made);
      expect(readLocalSecret(dataDir)).toBe(made);
      // A file too short to be a secret is not taken for one.
      writeFileSync(localSecretFile(dataDir), 'short\n');
      expect(readLocalSecret(dataDir)).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
