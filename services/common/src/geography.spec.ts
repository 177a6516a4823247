import { describe, expect, it } from 'vitest';
import { nutsCountry, nutsCountryProblem } from './geography.js';

describe('NUTS codes and countries', () => {
  it('accepts a region of the country, using EL for Greece', () => {
    expect(nutsCountryProblem('RO', 'RO21')).toBeNull();
    expect(nutsCountryProblem('GR', 'EL30')).toBeNull();
    expect(nutsCountryProblem('RO', null)).toBeNull();
  });

  it('refuses a region of another country or without a country', () => {
    expect(nutsCountryProblem('PT', 'RO21')).toMatch(/not in country PT/);
    expect(nutsCountryProblem('GR', 'GR30')).toMatch(/start with EL/);
    expect(nutsCountryProblem(null, 'RO21')).toMatch(/needs/);
  });
});

describe('the country of a NUTS code', () => {
  it('reads the prefix, mapping EL to GR', () => {
    expect(nutsCountry('RO21')).toBe('RO');
    expect(nutsCountry('EL30')).toBe('GR');
  });
});
