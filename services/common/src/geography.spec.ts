import { describe, expect, it } from 'vitest';
import { nutsCountry, nutsCountryProblem, nutsCountrySql } from './geography.js';

describe('the NUTS-in-country rule', () => {
  it('accepts regions of the countries given, using EL for Greece', () => {
    expect(nutsCountryProblem('RO', 'RO21')).toBeNull();
    expect(nutsCountryProblem('GR', 'EL30')).toBeNull();
    expect(nutsCountryProblem(['PT', 'RO'], ['RO21', 'PT17'])).toBeNull();
    expect(nutsCountryProblem('RO', null)).toBeNull();
    expect(nutsCountryProblem([], [])).toBeNull();
  });

  it('refuses a region of another country, naming the prefix expected', () => {
    expect(nutsCountryProblem('PT', 'RO21')).toBe('NUTS region RO21 is not in country PT (codes there start with PT)');
    expect(nutsCountryProblem('GR', 'GR30')).toMatch(/start with EL/);
    expect(nutsCountryProblem(['PT', 'ES'], ['PT17', 'RO21'])).toBe(
      'NUTS region RO21 is not in any of the countries PT, ES (codes there start with PT or ES)',
    );
  });

  it('refuses regions without any country', () => {
    expect(nutsCountryProblem(null, 'RO21')).toBe('NUTS region RO21 needs its country (RO) to be given as well');
    expect(nutsCountryProblem(undefined, ['RO21'])).toMatch(/needs its country \(RO\)/);
    expect(nutsCountryProblem([], ['EL30'])).toMatch(/needs its country \(GR\)/);
  });
});

describe('the country of a NUTS code', () => {
  it('reads the prefix, mapping EL to GR', () => {
    expect(nutsCountry('RO21')).toBe('RO');
    expect(nutsCountry('EL30')).toBe('GR');
  });

  it('is written for SQL from the same mapping', () => {
    expect(nutsCountrySql('n.code')).toBe("case left(n.code, 2) when 'EL' then 'GR' else left(n.code, 2) end");
  });
});
