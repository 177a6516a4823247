import { describe, expect, it } from 'vitest';
import { readRegionsCsv } from './regions.csv.js';

describe('readRegionsCsv', () => {
  it('reads a plain code,name file, with or without its header', () => {
    const rows = [
      { line: 2, code: 'RO21', name: 'Nord-Est' },
      { line: 3, code: 'RO213', name: 'Iaşi' },
    ];
    expect(readRegionsCsv('code,name\nRO21,Nord-Est\nRO213,Iaşi\n')).toEqual({ rows, countries: 0, problems: [] });
    expect(readRegionsCsv('RO21,Nord-Est\nRO213,Iaşi\n').rows).toEqual(
      rows.map((row) => ({ ...row, line: row.line - 1 })),
    );
  });

  it('reads Eurostat\u2019s classification: the label in the column of its level, countries left out', () => {
    const text = [
      '\uFEFF"Code 2024";"Country";"NUTS level 1";"NUTS level 2";"NUTS level 3";"Country order";"NUTS level"',
      '"RO";"România";"";"";"";"30";"0"',
      '"RO2";"";"Macroregiunea Doi";"";"";"";"1"',
      '"RO21";"";"";"Nord-Est";"";"";"2"',
      '"RO213";"";"";"";"Iaşi";"";"3"',
    ].join('\r\n');
    expect(readRegionsCsv(text)).toEqual({
      rows: [
        { line: 3, code: 'RO2', name: 'Macroregiunea Doi' },
        { line: 4, code: 'RO21', name: 'Nord-Est' },
        { line: 5, code: 'RO213', name: 'Iaşi' },
      ],
      countries: 1,
      problems: [],
    });
  });

  it('reads GISCO\u2019s NUTS_ID and NAME_LATN columns', () => {
    const text = 'NUTS_ID,LEVL_CODE,CNTR_CODE,NAME_LATN,NUTS_NAME\nEL30,2,EL,Attiki,Αττική\n';
    expect(readRegionsCsv(text).rows).toEqual([{ line: 2, code: 'EL30', name: 'Attiki' }]);
  });

  it('names every bad line: a code that is not NUTS, an empty name, a region twice, an unknown header', () => {
    expect(readRegionsCsv('code,name\nRO21,Nord-Est\nR21,Typo\nRO22,  \nRO21,Again\n').problems).toEqual([
      'line 3: code "R21" is not a NUTS code (two letters and one to three more letters or digits, e.g. RO21)',
      'line 4: the name of RO22 must not be empty or only white space',
      'line 5: RO21 is named again (first on line 2)',
    ]);
    expect(readRegionsCsv('region;title\nRO21;Nord-Est\n').problems[0]).toMatch(/^line 1: the header names no code/);
    expect(readRegionsCsv('').problems).toEqual(['the file has no rows']);
  });
});
