// A practice's assessment against the EU Best Practice Portal's criteria, as a person reads it: the label, and a
// table of each criterion's score and note; earlier assessments are counted, not shown.
import { MAX_SCORE } from '@radar/practices/codes';
import { html, type SafeHtml } from './html.js';
import { dateText, definitionOf, labelOf, plural } from './labels.js';
import { section } from './parts.js';

export interface AssessmentView {
  id: string;
  assessedOn: string;
  label: string;
  comment: string | null;
  scores: { criterion: string; score: number; note: string }[];
}

/** The label of the newest assessment (assessments come newest first), NOT_ASSESSED without one. */
export const currentLabel = (assessments: readonly AssessmentView[] | undefined) =>
  assessments?.[0]?.label ?? 'NOT_ASSESSED';

export function assessmentBadge(assessments: readonly AssessmentView[] | undefined): SafeHtml {
  return html`<li class="badge">Assessment: ${labelOf('assessmentLabels', currentLabel(assessments))}</li>`;
}

export function assessmentSection(assessments: readonly AssessmentView[] | undefined): SafeHtml {
  const [current, ...earlier] = assessments ?? [];
  if (!current) {
    return section(
      'assessment',
      'Assessment',
      html`<p class="muted">${labelOf('assessmentLabels', 'NOT_ASSESSED')}: ${definitionOf('assessmentLabels', 'NOT_ASSESSED') ?? ''}</p>`,
    );
  }
  return section(
    'assessment',
    'Assessment',
    html`<p><strong class="assessment-label">${labelOf('assessmentLabels', current.label)}</strong>, assessed <time datetime="${current.assessedOn}">${dateText(current.assessedOn)}</time> against the EU Best Practice Portal\u2019s criteria. <span class="muted">${definitionOf('assessmentLabels', current.label) ?? ''}</span></p>
${current.comment ? html`<p>${current.comment}</p>` : ''}
<table class="assessment">
<caption>Scores from 0 (not met) to ${MAX_SCORE} (fully met)</caption>
<thead><tr><th scope="col">Criterion</th><th scope="col">Score</th><th scope="col">Note</th></tr></thead>
<tbody>
${current.scores.map(
  (entry) =>
    html`<tr><th scope="row" title="${definitionOf('assessmentCriteria', entry.criterion) ?? ''}">${labelOf('assessmentCriteria', entry.criterion)}</th><td>${entry.score} / ${MAX_SCORE}</td><td>${entry.note}</td></tr>\n`,
)}
</tbody>
</table>
${earlier.length ? html`<p class="muted">It supersedes ${plural(earlier.length, 'earlier assessment')}, kept in the linked data.</p>` : ''}`,
  );
}
