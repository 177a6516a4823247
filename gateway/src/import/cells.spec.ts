import { describe, expect, it } from 'vitest';
import { CellProblem, readReference } from './cells.js';

describe('reference cells', () => {
  it.each([
    ['https://ror.org/03hd30t45', { by: 'identifier', scheme: 'ROR', value: '03hd30t45' }],
    ['ror.org/03hd30t45', { by: 'identifier', scheme: 'ROR', value: '03hd30t45' }],
    ['https://cordis.europa.eu/project/id/101099999/en', { by: 'identifier', scheme: 'CORDIS', value: '101099999' }],
    ['cordis.europa.eu/project/id/101099999', { by: 'identifier', scheme: 'CORDIS', value: '101099999' }],
    ['grant:GA 101 099 999', { by: 'identifier', scheme: 'GRANT', value: '101099999' }],
    ['PJ-9', { by: 'source', source: 'partner', sourceId: 'PJ-9' }],
  ])('reads %j', (cell, reference) => {
    expect(readReference(cell, 'partner')).toEqual(reference);
  });

  it('refuses a CORDIS record number, saying what it is', () => {
    expect(() => readReference('https://cordis.europa.eu/project/rcn/236123', 'partner')).toThrow(CellProblem);
    expect(() => readReference('https://cordis.europa.eu/project/rcn/236123', 'partner')).toThrow(
      'record number (RCN), not a project id',
    );
  });
});
