import { DEFAULT_HYPERPARAMETERS, outOfSourcePredictions, sourceFolds, type Hyperparameters, type SourcedRow } from '@routewise/classifier';
import { countNgrams } from '@routewise/embedder';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import { seededRandom as mulberry32 } from '../../tokens/test/seeded-random';

interface SourceAndLabel {
  source: string;
  label: string;
}

/** Each source in exactly one fold, fold indices 0..n-1 all used, and the rows per fold. */
function foldTotals(rows: readonly SourceAndLabel[], assignment: Map<string, number>): number[] {
  const folds = new Set(assignment.values()).size;
  expect([...assignment.values()].sort((a, b) => a - b).at(-1)).toBe(folds - 1);
  const totals = new Array<number>(folds).fill(0);
  for (const row of rows) totals[assignment.get(row.source)!]! += 1;
  return totals;
}

/** `count` rows of a source, alternating between two labels (so the single-label rule does not apply). */
const repeat = (source: string, count: number, labels: readonly string[] = ['chat', 'code']): SourceAndLabel[] =>
  Array.from({ length: count }, (_, index) => ({ source, label: labels[index % labels.length]! }));

describe('sourceFolds', () => {
  it('puts every source in exactly one fold and balances the fold sizes (hand-computed)', () => {
    // Sizes a 5, b 4, c 3, d 3, e 1 into 2 folds, largest first into the smaller fold: {a, d} 8 and {b, c, e} 8.
    const sources = [...repeat('c', 3), ...repeat('a', 5), ...repeat('e', 1), ...repeat('b', 4), ...repeat('d', 3)];
    const assignment = sourceFolds(sources, 2);
    expect([...assignment.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(foldTotals(sources, assignment)).toEqual([8, 8]);
    expect(assignment.get('a')).toBe(assignment.get('d'));
    expect(assignment.get('b')).toBe(assignment.get('c'));
    expect(assignment.get('b')).toBe(assignment.get('e'));
    expect(assignment.get('a')).not.toBe(assignment.get('b'));
  });

  it('keeps two sources holding only the same label in different folds when it can (hand-computed)', () => {
    // mixed 12 → fold A; only-summaries 10 → the other, smaller fold B; few-summaries 3 would go to the smaller fold B
    // by size, but B already holds a summaries-only source: it goes to A. So no fold holds every summary.
    const rows = [...repeat('mixed', 12), ...repeat('only-summaries', 10, ['summarize']), ...repeat('few-summaries', 3, ['summarize'])];
    const assignment = sourceFolds(rows, 2);
    expect(assignment.get('few-summaries')).toBe(assignment.get('mixed'));
    expect(assignment.get('only-summaries')).not.toBe(assignment.get('mixed'));
    expect(foldTotals(rows, assignment).sort((a, b) => a - b)).toEqual([10, 15]);
    // Every fold's complement (what its model is fitted on) has summaries.
    for (const fold of new Set(assignment.values())) expect(rows.some((row) => assignment.get(row.source) !== fold && row.label === 'summarize')).toBe(true);
  });

  it('is leave-one-source-out when there are at least as many folds as sources', () => {
    const sources = [...repeat('gsm8k', 7), ...repeat('humaneval', 2), ...repeat('vicuna', 4)];
    for (const folds of [3, 4, 100]) {
      const assignment = sourceFolds(sources, folds);
      expect(assignment.size).toBe(3);
      expect(new Set(assignment.values()).size).toBe(3);
      expect(foldTotals(sources, assignment).sort((a, b) => a - b)).toEqual([2, 4, 7]);
    }
  });

  it('puts everything in one fold when asked for one', () => {
    const assignment = sourceFolds([...repeat('x', 1), ...repeat('y', 2), ...repeat('z', 1)], 1);
    expect([...assignment.values()]).toEqual([0, 0, 0]);
  });

  it('does not depend on the order of the rows', () => {
    const random = mulberry32(11);
    const labels = ['chat', 'code', 'reasoning'];
    const rows = Array.from({ length: 300 }, () => {
      const source = Math.floor(random() * 12);
      // Sources 0-3 hold one label each, the others a mix.
      return { source: `source-${source}`, label: source < 4 ? labels[source % 3]! : labels[Math.floor(random() * 3)]! };
    });
    const shuffled = [...rows].sort(() => random() - 0.5);
    expect([...sourceFolds(shuffled, 4).entries()].sort()).toEqual([...sourceFolds(rows, 4).entries()].sort());
  });

  it('keeps folds within one largest source of each other (seeded random sizes, mixed-label sources)', () => {
    const random = mulberry32(5);
    for (let trial = 0; trial < 50; trial++) {
      const sizes = Array.from({ length: 3 + Math.floor(random() * 15) }, () => 1 + Math.floor(random() * 60));
      const rows = sizes.flatMap((size, index) => repeat(`s${index}`, size));
      const folds = 2 + Math.floor(random() * 4);
      const assignment = sourceFolds(rows, folds);
      expect(assignment.size).toBe(sizes.length);
      const totals = foldTotals(rows, assignment);
      expect(totals).toHaveLength(Math.min(folds, sizes.length));
      expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(Math.max(...sizes));
      expect(totals.reduce((sum, total) => sum + total, 0)).toBe(rows.length);
    }
  });
});

describe('outOfSourcePredictions', () => {
  const NGRAM_DIMENSION = 256;
  const DENSE_WIDTH = 6;
  const hyperparameters: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, ngramDimension: NGRAM_DIMENSION };
  const LABEL_WORDS: Partial<Record<TaskLabel, string>> = {
    chat: 'hello weekend plans tips',
    code: 'python function bug regex',
    reasoning: 'prove train speed equation',
    creative: 'poem story verse haiku',
  };
  const LABEL_CENTRE: Partial<Record<TaskLabel, number>> = { chat: 0, code: 1, reasoning: 2, creative: 3 };

  /**
   * Four sources; `poems` is the only one with `creative` rows, and not the largest, so its fold is fitted after
   * (and warm-started from) a fold model that did see it.
   */
  function rows(): SourcedRow[] {
    const random = mulberry32(42);
    const plan: Array<[source: string, label: TaskLabel, count: number]> = [
      ['forum', 'chat', 30],
      ['forum', 'code', 25],
      ['exams', 'reasoning', 30],
      ['exams', 'chat', 10],
      ['repo', 'code', 25],
      ['repo', 'reasoning', 10],
      ['poems', 'creative', 20],
      ['poems', 'chat', 5],
    ];
    return plan.flatMap(([source, label, count]) =>
      Array.from({ length: count }, (_, index) => {
        const dense = Float32Array.from({ length: DENSE_WIDTH }, (_, j) => (j === LABEL_CENTRE[label] ? 2 : 0) + (random() - 0.5));
        const text = `${LABEL_WORDS[label]} ${source} style ${Math.floor(random() * 20)} item${index}`;
        return { id: `${source}-${label}-${index}`, source, label, weight: 1, features: { dense, ngrams: countNgrams(text, NGRAM_DIMENSION) } };
      }),
    );
  }

  it('never predicts, for the only source with a label, that label: the model that predicts it never saw the label', () => {
    const data = rows();
    const creative = TASK_LABELS.indexOf('creative');
    for (const folds of [4, 2]) {
      const { logits } = outOfSourcePredictions(data, folds, hyperparameters);
      data.forEach((row, index) => {
        if (row.source !== 'poems') return;
        const predicted = argmax(logits[index]!);
        expect({ row: row.id, folds, predicted: TASK_LABELS[predicted] }).not.toEqual({ row: row.id, folds, predicted: 'creative' });
        // And creative gets the lowest logit of the four labels the other sources have or lack: it was only pushed down.
        expect(logits[index]![creative]!).toBeLessThan(logits[index]![TASK_LABELS.indexOf('chat')]!);
      });
    }
  }, 60_000);

  it('gives every row logits with leave-one-source-out folds, from a model that learned the other sources', () => {
    const data = rows();
    const reported: Array<[number, number]> = [];
    const { logits, meanWeights } = outOfSourcePredictions(data, 10, hyperparameters, (fold, folds) => reported.push([fold, folds]));
    expect(reported).toEqual([[0, 4], [1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(logits).toHaveLength(data.length);
    for (let index = 0; index < data.length; index++) {
      expect(logits[index]).toBeInstanceOf(Float64Array);
      expect(logits[index]).toHaveLength(TASK_LABELS.length);
      for (const value of logits[index]!) expect(Number.isFinite(value)).toBe(true);
    }
    expect(meanWeights).toHaveLength((DENSE_WIDTH + NGRAM_DIMENSION + 1) * TASK_LABELS.length);
    // Labels shared across sources transfer: most chat/code/reasoning rows are predicted right by a model that
    // never saw their source.
    const shared = data.map((row, index) => ({ row, index })).filter(({ row }) => row.label !== 'creative');
    const right = shared.filter(({ row, index }) => TASK_LABELS[argmax(logits[index]!)] === row.label).length;
    expect(right / shared.length).toBeGreaterThan(0.7);
  }, 60_000);

  it('leaves rows of weight 0 out of every fit', () => {
    // A weightless row of a label no other row has must not teach the fold models that label.
    const data = rows().filter((row) => row.label !== 'creative');
    const ghost: SourcedRow = { ...data[0]!, id: 'ghost', label: 'summarize', weight: 0 };
    const { logits } = outOfSourcePredictions([...data, { ...ghost, source: 'repo' }], 4, hyperparameters);
    const summarize = TASK_LABELS.indexOf('summarize');
    for (const row of logits) expect(argmax(row)).not.toBe(summarize);
  }, 60_000);
});

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) if (values[index]! > values[best]!) best = index;
  return best;
}
