/** ml-logistic-regression ships no types; this declares the part Routewise uses (v2.0.0). */
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface LogisticRegressionTwoClasses {
    weights: Matrix;
    /** Sigmoid scores per row: the probability of the "rest" side (target 1) in one-vs-rest training. */
    testScores(features: Matrix): number[];
  }

  interface LogisticRegressionJSON {
    name: 'LogisticRegression';
    numSteps: number;
    learningRate: number;
    numberClasses: number;
    classifiers: unknown[];
  }

  class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    numberClasses: number;
    classifiers: LogisticRegressionTwoClasses[];
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
    toJSON(): LogisticRegressionJSON;
    static load(model: LogisticRegressionJSON): LogisticRegression;
  }

  export = LogisticRegression;
}
