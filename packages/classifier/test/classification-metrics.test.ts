import { classificationReport, fitTemperature, softmax } from '@routewise/classifier';

describe('classificationReport', () => {
  it('matches a hand-worked example', () => {
    // gold:      a a a b b c
    // predicted: a a b b c c
    const report = classificationReport(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'b', 'c']);
    expect(report.accuracy).toBeCloseTo(4 / 6);
    // a: P 2/2, R 2/3 → F1 0.8; b: P 1/2, R 1/2 → 0.5; c: P 1/2, R 1/1 → 2/3
    expect(report.perLabel.a.f1).toBeCloseTo(0.8);
    expect(report.perLabel.b.f1).toBeCloseTo(0.5);
    expect(report.perLabel.c.f1).toBeCloseTo(2 / 3);
    expect(report.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
    expect(report.confusion.a.b).toBe(1);
    expect(report.confusion.b.c).toBe(1);
  });

  it('averages only over the requested labels but counts predictions of the others as errors', () => {
    const report = classificationReport(['a', 'a'], ['a', 'z'], ['a'], ['a', 'z']);
    expect(report.perLabel.a).toMatchObject({ precision: 1, recall: 0.5 });
    expect(report.macroF1).toBeCloseTo(2 / 3);
  });
});

describe('temperature calibration', () => {
  it('softmax sums to one and keeps the order', () => {
    const probabilities = softmax([2, 1, -3], 1.5);
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(probabilities[0]).toBeGreaterThan(probabilities[1]!);
  });

  it('cools overconfident logits: a model right 60% of the time with huge margins gets a temperature above 1', () => {
    const rows: number[][] = [];
    const gold: number[] = [];
    for (let index = 0; index < 100; index++) {
      rows.push([10, 0, 0]);
      gold.push(index < 60 ? 0 : 1);
    }
    const temperature = fitTemperature(rows, gold);
    expect(temperature).toBeGreaterThan(3);
    // calibrated confidence of the top class is near the observed 60%
    expect(softmax([10, 0, 0], temperature)[0]).toBeGreaterThan(0.5);
    expect(softmax([10, 0, 0], temperature)[0]).toBeLessThan(0.7);
  });
});
