// An assessment as GraphQL shows it.
import { meanScore } from './assessment.codes.js';
import type { Assessment } from './assessment.entity.js';
import type { AssessmentType } from './assessment.types.js';

export function assessmentView(assessment: Assessment): AssessmentType {
  return {
    id: assessment.id,
    assessedOn: String(assessment.assessedOn),
    recordedAt: assessment.recordedAt,
    assessor: assessment.assessorLabel,
    scores: assessment.scores,
    meanScore: meanScore(assessment.scores),
    label: assessment.label,
    comment: assessment.comment ?? null,
    current: !assessment.supersededAt,
    supersededAt: assessment.supersededAt ?? null,
  };
}
