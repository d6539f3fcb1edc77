import type { RetrainReport } from '@routewise/retraining';
import { TASK_LABELS } from '@routewise/taxonomy';
import { fixed, formatTable } from './console-table';

/** The retrain report as text: examples used, before/after metrics per label, the decision. */
export function formatRetrainReport(report: RetrainReport): string {
  const { examples, baseline, candidate } = report;
  const before = baseline.kind === 'active' ? `active ${baseline.version}` : 'seed classifier (train split)';
  const sources = Object.entries(examples.bySource).map(([source, count]) => [source, count.train, count.holdout]);
  const skipped = examples.skipped;
  const labels = TASK_LABELS.map((label) => {
    const beforeF1 = baseline.metrics.perLabel[label]?.f1 ?? 0;
    const afterF1 = candidate.metrics.perLabel[label]?.f1 ?? 0;
    return [label, examples.byLabel[label].train, examples.byLabel[label].holdout, fixed(beforeF1), fixed(afterF1), signed(afterF1 - beforeF1)];
  });
  labels.push(['macro-F1', examples.train, examples.holdout, fixed(baseline.metrics.macroF1), fixed(candidate.metrics.macroF1), signed(candidate.metrics.macroF1 - baseline.metrics.macroF1)]);
  labels.push(['accuracy', '', '', fixed(baseline.metrics.accuracy), fixed(candidate.metrics.accuracy), signed(candidate.metrics.accuracy - baseline.metrics.accuracy)]);
  const outcome = report.dryRun ? `dry run: would ${report.decision} (nothing written)` : `${report.decision === 'promote' ? 'PROMOTED' : 'REJECTED'} ${candidate.version} (stored as ${report.storedStatus})`;
  const timings = Object.entries(report.timingsMs).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ');
  return [
    `embedder: ${report.embedderId}`,
    formatTable(['source', 'train', 'holdout'], sources),
    `skipped: ${skipped.otherEmbedder} from another embedder, ${skipped.otherLayout} with another feature layout, ${skipped.withoutFeatures} without features, ${skipped.seedRowsInDatabase} seed rows in the database`,
    '',
    `before: ${before}   after: candidate ${candidate.version}`,
    formatTable(['label', 'train', 'holdout', 'F1 before', 'F1 after', 'change'], labels),
    '',
    `${outcome}: ${report.reason}`,
    `timings: ${timings}`,
  ].join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
