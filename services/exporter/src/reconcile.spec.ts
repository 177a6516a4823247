import { describe, expect, it } from 'vitest';
import { nameSimilarity, normaliseName } from './reconcile.js';

describe('name normalisation for reconciliation', () => {
  it.each([
    ['Spitalul Clinic Județean de Urgență Iași', 'spitalul clinic judetean de urgenta iasi'],
    ['Siemens Healthineers GmbH', 'siemens healthineers'],
    ['Instituto de Investigação Médica, S.A.', 'instituto de investigacao medica'],
    ["Ospedale Sant'Anna S.p.A.", 'ospedale santanna'],
    ['Verein Digitale Gesundheit e.V.', 'verein digitale gesundheit'],
    ['  ECH   Alliance  ', 'ech alliance'],
  ])('%j is %j', (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });

  it('scores word order as the same name and a typo as close, an unrelated name as far', () => {
    expect(nameSimilarity('universite sorbonne', 'sorbonne universite')).toBe(1);
    expect(nameSimilarity('tecnische universitat munchen', 'technische universitat munchen')).toBeGreaterThan(0.8);
    expect(nameSimilarity('siemens healthineers', 'sorbonne universite')).toBeLessThan(0.2);
    expect(nameSimilarity('', 'sorbonne')).toBe(0);
  });
});
