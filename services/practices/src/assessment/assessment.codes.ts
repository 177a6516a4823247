// The EU Best Practice Portal's criteria a curator scores a practice against, the labels an assessment gives, and
// the one rule that turns scores into a label. Validation, the GraphQL enums, SKOS and the linked data read these.
import type { CodeListEntry } from '@radar/common';

/** Every criterion is scored on this scale: 0 not met, 1 barely, 2 partly, 3 largely, 4 fully met. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 4;

/**
 * The Portal's criteria, in its order. `group` says how the label rule weighs a criterion: EXCLUSION criteria must
 * be met for any positive label, CORE ones for a best practice, QUALIFIER ones count in the mean.
 */
export const assessmentCriteria = [
  {
    code: 'RELEVANCE',
    label: 'Relevance',
    definition: 'Addresses a recognised need of health and care systems or a public health priority, with clear aims.',
    group: 'EXCLUSION',
  },
  {
    code: 'INTERVENTION_CHARACTERISTICS',
    label: 'Intervention characteristics',
    definition: 'Its aims, target population, methods, resources and timeline are described clearly.',
    group: 'EXCLUSION',
  },
  {
    code: 'EVIDENCE_AND_THEORY',
    label: 'Evidence and theory based',
    definition: 'Builds on evidence or a well-founded theory, and says how.',
    group: 'EXCLUSION',
  },
  {
    code: 'ETHICS',
    label: 'Ethical aspects',
    definition:
      'Respects ethical principles: consent, privacy and data protection, benefits outweighing harms, conflicts of interest declared.',
    group: 'EXCLUSION',
  },
  {
    code: 'EFFECTIVENESS_EFFICIENCY',
    label: 'Effectiveness and efficiency',
    definition: 'Evaluation shows it reaches its aims, at a reasonable cost for what it achieves.',
    group: 'CORE',
  },
  {
    code: 'EQUITY',
    label: 'Equity',
    definition: 'Reduces, or at least does not widen, inequalities in health and in access to care.',
    group: 'CORE',
  },
  {
    code: 'TRANSFERABILITY',
    label: 'Transferability',
    definition: 'Can be taken up in other settings, regions or countries, and what that takes is described.',
    group: 'QUALIFIER',
  },
  {
    code: 'SUSTAINABILITY',
    label: 'Sustainability',
    definition: 'Can go on beyond its first funding, with organisational, financial and political support.',
    group: 'QUALIFIER',
  },
  {
    code: 'INTERSECTORAL_COLLABORATION',
    label: 'Intersectoral collaboration',
    definition: 'Involves the sectors and organisations it concerns beyond health care, working together.',
    group: 'QUALIFIER',
  },
  {
    code: 'PARTICIPATION',
    label: 'Participation',
    definition: 'Involves the people it is for and other stakeholders in its design, implementation and evaluation.',
    group: 'QUALIFIER',
  },
] as const satisfies readonly (CodeListEntry & { group: 'EXCLUSION' | 'CORE' | 'QUALIFIER' })[];

export const assessmentLabels = [
  {
    code: 'BEST_PRACTICE',
    label: 'Best practice',
    definition: 'Every exclusion and core criterion scores 3 or more, and the ten criteria score 3 or more on average.',
  },
  {
    code: 'PROMISING_PRACTICE',
    label: 'Promising practice',
    definition: 'Every exclusion criterion scores 2 or more, but the practice is not yet a best practice.',
  },
  {
    code: 'NOT_RECOMMENDED',
    label: 'Not recommended',
    definition: 'An exclusion criterion (relevance, intervention characteristics, evidence, ethics) scores below 2.',
  },
  { code: 'NOT_ASSESSED', label: 'Not assessed', definition: 'No curator has assessed the practice yet.' },
] as const satisfies readonly CodeListEntry[];

export type AssessmentCriterion = (typeof assessmentCriteria)[number]['code'];
export type AssessmentLabel = (typeof assessmentLabels)[number]['code'];

export const criterionCodes: readonly AssessmentCriterion[] = assessmentCriteria.map((entry) => entry.code);

export interface CriterionScore {
  criterion: AssessmentCriterion;
  score: number;
  note: string;
}

/** The mean of the scores, rounded to two decimals. */
export function meanScore(scores: readonly Pick<CriterionScore, 'score'>[]): number {
  if (scores.length === 0) return 0;
  return Math.round((scores.reduce((sum, entry) => sum + entry.score, 0) / scores.length) * 100) / 100;
}

/** The label a complete set of scores gives, by the definitions of `assessmentLabels`; NOT_ASSESSED without one. */
export function labelOf(scores: readonly Pick<CriterionScore, 'criterion' | 'score'>[] | null): AssessmentLabel {
  if (!scores || scores.length === 0) return 'NOT_ASSESSED';
  const scoreOf = new Map(scores.map((entry) => [entry.criterion, entry.score]));
  const lowest = (group: string) =>
    Math.min(
      ...assessmentCriteria.filter((entry) => entry.group === group).map((entry) => scoreOf.get(entry.code) ?? 0),
    );
  if (lowest('EXCLUSION') < 2) return 'NOT_RECOMMENDED';
  if (lowest('EXCLUSION') >= 3 && lowest('CORE') >= 3 && meanScore(scores) >= 3) return 'BEST_PRACTICE';
  return 'PROMISING_PRACTICE';
}

/** Criteria and labels by name, for the ontology's SKOS export and the codeList query. */
export const assessmentCodeLists = { assessmentCriteria, assessmentLabels } as const;
