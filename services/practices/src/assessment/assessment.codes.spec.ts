// The label rule at its edges: exclusion criteria gate every positive label, core criteria and the mean a best one.
import { describe, expect, it } from 'vitest';
import { type AssessmentCriterion, criterionCodes, labelOf, meanScore } from './assessment.codes.js';

const scores = (all: number, except: Partial<Record<AssessmentCriterion, number>> = {}) =>
  criterionCodes.map((criterion) => ({ criterion, score: except[criterion] ?? all }));

describe('labelOf', () => {
  it('is NOT_ASSESSED without scores', () => {
    expect(labelOf(null)).toBe('NOT_ASSESSED');
    expect(labelOf([])).toBe('NOT_ASSESSED');
  });

  it('needs every exclusion and core criterion at 3 and a mean of 3 for BEST_PRACTICE', () => {
    expect(labelOf(scores(3))).toBe('BEST_PRACTICE');
    expect(labelOf(scores(4, { RELEVANCE: 3, EQUITY: 3 }))).toBe('BEST_PRACTICE');
    expect(labelOf(scores(3, { PARTICIPATION: 2 }))).toBe('PROMISING_PRACTICE');
    expect(labelOf(scores(4, { EFFECTIVENESS_EFFICIENCY: 2 }))).toBe('PROMISING_PRACTICE');
    expect(labelOf(scores(4, { INTERVENTION_CHARACTERISTICS: 2 }))).toBe('PROMISING_PRACTICE');
  });

  it('is NOT_RECOMMENDED as soon as one exclusion criterion is below 2, whatever the rest', () => {
    for (const criterion of ['RELEVANCE', 'INTERVENTION_CHARACTERISTICS', 'EVIDENCE_AND_THEORY', 'ETHICS'] as const) {
      expect(labelOf(scores(4, { [criterion]: 1 })), criterion).toBe('NOT_RECOMMENDED');
    }
    expect(labelOf(scores(2, { EQUITY: 0, TRANSFERABILITY: 0 }))).toBe('PROMISING_PRACTICE');
  });

  it('averages to two decimals', () => {
    expect(meanScore(scores(4, { PARTICIPATION: 3, EQUITY: 3, ETHICS: 2 }))).toBe(3.6);
    expect(meanScore([{ score: 1 }, { score: 2 }, { score: 2 }])).toBe(1.67);
  });
});
