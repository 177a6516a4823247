// The body limit Hive Gateway enforces is read from BODY_LIMIT exactly as RADAR's HTTP shell reads it.
import { describe, expect, it } from 'vitest';
import { byteSize } from './http.js';

describe('byteSize', () => {
  it('counts BODY_LIMIT sizes as Express does, in any case', () => {
    expect(byteSize('100kb')).toBe(102_400);
    expect(byteSize('1MB')).toBe(1_048_576);
    expect(byteSize('512b')).toBe(512);
  });

  it('refuses what is not a size', () => {
    expect(() => byteSize('100 kb')).toThrow(/not a size/);
    expect(() => byteSize('1gb')).toThrow(/not a size/);
  });
});
