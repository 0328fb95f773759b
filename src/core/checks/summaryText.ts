import type { FindingSummary } from './finding';

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "2 errors, 1 warning": the status bar's words for a check's result. */
export function errorsAndWarnings(summary: FindingSummary): string {
  return `${count(summary.errors, 'error', 'errors')}, ${count(summary.warnings, 'warning', 'warnings')}`;
}

/** "2 errors, 1 warning, 3 notes": the report's summary line; hints too when some were shown ("..., 4 hints"). */
export function summaryText(summary: FindingSummary, hints = 0): string {
  const notes = `${errorsAndWarnings(summary)}, ${count(summary.infos, 'note', 'notes')}`;
  return hints > 0 ? `${notes}, ${count(hints, 'hint', 'hints')}` : notes;
}
