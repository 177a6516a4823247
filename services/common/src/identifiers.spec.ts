import { describe, expect, it } from 'vitest';
import { guessIdentifierScheme, normaliseIdentifier, rorChecksum } from './identifiers.js';

describe('identifier normalisation', () => {
  it('computes the ROR check digits of real ROR ids', () => {
    // Sorbonne Université, Université de Bordeaux, Technische Universität München, University of Helsinki.
    for (const id of ['02en5vm52', '057qpr032', '02kkvpp62', '040af2s02']) {
      expect(rorChecksum(id.slice(1, 7))).toBe(id.slice(7));
    }
  });

  it.each([
    ['ROR', '03hd30t45', '03hd30t45'],
    ['ROR', ' https://ror.org/03HD30T45 ', '03hd30t45'],
    ['ROR', 'ror.org/03hd30t45', '03hd30t45'],
    ['ROR', 'http://www.ror.org/03hd30t45/', '03hd30t45'],
    ['WIKIDATA', 'q8880', 'Q8880'],
    ['WIKIDATA', 'wd:Q8880', 'Q8880'],
    ['WIKIDATA', 'http://www.wikidata.org/entity/Q8880', 'Q8880'],
    ['WIKIDATA', 'https://www.wikidata.org/wiki/Q8880', 'Q8880'],
    ['PIC', '999 999 999', '999999999'],
    ['PIC', 'PIC: 999.999.999', '999999999'],
    ['VAT', 'RO 4701126', 'RO4701126'],
    ['VAT', 'ro4701126', 'RO4701126'],
    ['VAT', 'BE 0123.456.789', 'BE0123456789'],
    ['VAT', 'GR 094014201', 'EL094014201'],
    ['CORDIS', ' 101083048 ', '101083048'],
    ['CORDIS', 'https://cordis.europa.eu/project/id/101083048', '101083048'],
    ['CORDIS', 'https://cordis.europa.eu/project/id/101083048/en', '101083048'],
    ['CORDIS', 'cordis.europa.eu/project/id/101083048', '101083048'],
    ['CORDIS', 'www.cordis.europa.eu/project/id/101083048?lang=fr', '101083048'],
    ['GRANT', '  GA   101083048 ', '101083048'],
    ['GRANT', '101 083 048', '101083048'],
    ['GRANT', 'Grant Agreement No. 101083048', '101083048'],
    ['GRANT', '633 974', '633974'],
    ['GRANT', 'HE  777 001', 'HE 777 001'],
    ['GRANT', 'R01 HL123456', 'R01 HL123456'],
    ['GRANT', 'EP/T017899/1', 'EP/T017899/1'],
  ] as const)('%s %j is %s', (scheme, raw, value) => {
    expect(normaliseIdentifier(scheme, raw)).toEqual({ ok: true, value });
  });

  it('refuses a ROR id with wrong check digits, naming the expected ones', () => {
    expect(normaliseIdentifier('ROR', '03hd30t46')).toEqual({
      ok: false,
      reason: 'has wrong ROR check digits: 03hd30t46 ends in 46, expected 45',
    });
  });

  it.each([
    ['ROR', 'https://ror.org/x'],
    ['ROR', '03hd30l45'],
    ['WIKIDATA', 'P31'],
    ['PIC', '12345'],
    ['VAT', '4701126'],
    ['VAT', 'US123456'],
    ['CORDIS', 'CORDIS-1'],
    ['GRANT', '   '],
    ['CORDIS', 'https://cordis.europa.eu/project/rcn/236123'],
  ] as const)('refuses %s %j', (scheme, raw) => {
    expect(normaliseIdentifier(scheme, raw).ok).toBe(false);
  });

  it('refuses a CORDIS record number for what it is', () => {
    expect(normaliseIdentifier('CORDIS', 'https://cordis.europa.eu/project/rcn/236123/en')).toEqual({
      ok: false,
      reason: expect.stringContaining('record number (RCN), not a project id'),
    });
  });

  it('tells the scheme of an identifier spelled without one', () => {
    expect(guessIdentifierScheme('https://ror.org/03hd30t45')).toEqual({ scheme: 'ROR', value: '03hd30t45' });
    expect(guessIdentifierScheme('wd:Q8880')).toEqual({ scheme: 'WIKIDATA', value: 'Q8880' });
    expect(guessIdentifierScheme('RO 4701126')).toEqual({ scheme: 'VAT', value: 'RO4701126' });
    expect(guessIdentifierScheme('Babeș-Bolyai University')).toBeNull();
    expect(guessIdentifierScheme('Romania')).toBeNull();
  });
});
