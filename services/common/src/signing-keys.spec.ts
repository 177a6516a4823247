import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  localSigningKeys,
  localSigningKeysFile,
  parseJwkSet,
  publicKeySet,
  readLocalSigningKeys,
  rotation,
} from './signing-keys.js';

describe('signing key sets', () => {
  it('are private for signing and public for trusting, with unique key ids', () => {
    const key = generateSigningKey();
    const set = { keys: [key] };
    expect(parseJwkSet(JSON.stringify(set), 'private')).toEqual(set);
    expect(parseJwkSet(JSON.stringify(publicKeySet(set)), 'public').keys[0]).not.toHaveProperty('d');
    expect(() => parseJwkSet(JSON.stringify(set), 'public')).toThrow(/is a private key/);
    expect(() => parseJwkSet(JSON.stringify(publicKeySet(set)), 'private')).toThrow(/no private part/);
    expect(() => parseJwkSet(JSON.stringify({ keys: [key, key] }), 'private')).toThrow(/appears twice/);
    expect(() => parseJwkSet('{"keys": []}', 'private')).toThrow(/at least one key/);
    expect(() => parseJwkSet('not json', 'private')).toThrow(/JSON Web Key Set/);
    expect(() => parseJwkSet(JSON.stringify({ keys: [{ ...key, alg: 'ES256' }] }), 'private')).toThrow(
      /ES256 needs a EC P-256 key/,
    );
    const ec = generateSigningKey('ES256');
    expect(ec).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(parseJwkSet(JSON.stringify({ keys: [ec] }), 'private').keys[0]?.kid).toBe(ec.kid);
  });

  it('rotate by adding a key, using it, then dropping the old one', () => {
    const start = { keys: [generateSigningKey()] };
    const old = start.keys[0]?.kid as string;
    const added = rotation.add(start);
    expect(added.keys.map((key) => key.kid)[0]).toBe(old);
    const fresh = added.keys[1]?.kid as string;
    const switched = rotation.use(added, fresh);
    expect(switched.keys.map((key) => key.kid)).toEqual([fresh, old]);
    expect(() => rotation.drop(switched, fresh)).toThrow(/signs: use another key first/);
    expect(rotation.drop(switched, old).keys.map((key) => key.kid)).toEqual([fresh]);
    expect(() => rotation.use(switched, 'nope')).toThrow(/no key nope/);
  });
});

describe('the data folder keys of pnpm start', () => {
  it('are made once, readable by their owner only, and remade when unreadable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'radar-keys-'));
    try {
      expect(readLocalSigningKeys(dataDir)).toBeUndefined();
      const made = localSigningKeys(dataDir);
      expect(parseJwkSet(made, 'private').keys).toHaveLength(1);
      expect(statSync(localSigningKeysFile(dataDir)).mode & 0o777).toBe(0o600);
      expect(localSigningKeys(dataDir)).toBe(made);
      expect(readLocalSigningKeys(dataDir)).toBe(made);
      writeFileSync(localSigningKeysFile(dataDir), 'garbage\n', { mode: 0o644 });
      expect(readLocalSigningKeys(dataDir)).toBeUndefined();
      expect(localSigningKeys(dataDir)).not.toBe(made);
      expect(statSync(localSigningKeysFile(dataDir)).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
