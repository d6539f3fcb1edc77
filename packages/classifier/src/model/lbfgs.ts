/** Loss at `x`; writes the gradient into `gradient`. */
export type Objective = (x: Float32Array, gradient: Float32Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the loss fell by less than this share over the last `window` iterations. */
  relativeTolerance: number;
  window?: number;
  /** Correction pairs kept (default 10). */
  history?: number;
  onIteration?: (iteration: number, loss: number, gradientNorm: number) => void;
}

export interface LbfgsResult {
  x: Float32Array;
  loss: number;
  iterations: number;
  /** Loss before the first step and after each iteration. */
  lossCurve: number[];
  converged: boolean;
}

/**
 * Parameters, gradients and the correction pairs are 32-bit floats: the fit is bound by memory traffic (a request
 * touches a few hundred scattered rows of a 65,536-row weight table), and halving it nearly halves the time; sums
 * are still taken in 64-bit.
 *
 * Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex losses such as L2-regularized
 * logistic regression. Each iteration costs one or a few loss-and-gradient evaluations.
 */
export function minimizeLbfgs(objective: Objective, start: Float32Array, options: LbfgsOptions): LbfgsResult {
  const size = start.length;
  const history = options.history ?? 10;
  const window = options.window ?? 5;
  let x = Float32Array.from(start);
  let gradient = new Float32Array(size);
  let loss = objective(x, gradient);
  const lossCurve = [loss];
  const steps: Float32Array[] = [];
  const changes: Float32Array[] = [];
  const curvatures: number[] = [];
  const direction = new Float32Array(size);
  const alphas = new Array<number>(history).fill(0);
  let nextX = new Float32Array(size);
  let nextGradient = new Float32Array(size);
  let converged = false;
  let iteration = 0;

  while (iteration < options.maxIterations) {
    // Two-loop recursion: direction = −H·gradient.
    for (let index = 0; index < size; index++) direction[index] = -gradient[index]!;
    for (let pair = steps.length - 1; pair >= 0; pair--) {
      alphas[pair] = dot(steps[pair]!, direction) / curvatures[pair]!;
      axpy(-alphas[pair]!, changes[pair]!, direction);
    }
    const gamma = steps.length > 0 ? curvatures.at(-1)! / dot(changes.at(-1)!, changes.at(-1)!) : 1 / Math.max(norm(gradient), 1e-12);
    for (let index = 0; index < size; index++) direction[index]! *= gamma;
    for (let pair = 0; pair < steps.length; pair++) {
      const beta = dot(changes[pair]!, direction) / curvatures[pair]!;
      axpy(alphas[pair]! - beta, steps[pair]!, direction);
    }

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      steps.length = changes.length = curvatures.length = 0;
      const scale = 1 / Math.max(norm(gradient), 1e-12);
      for (let index = 0; index < size; index++) direction[index] = -gradient[index]! * scale;
      slope = dot(gradient, direction);
    }
    let stepSize = 1;
    let nextLoss = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 30; attempt++) {
      for (let index = 0; index < size; index++) nextX[index] = x[index]! + stepSize * direction[index]!;
      nextLoss = objective(nextX, nextGradient);
      if (nextLoss <= loss + 1e-4 * stepSize * slope) break;
      stepSize *= 0.5;
    }
    if (!(nextLoss < loss)) {
      converged = true;
      break;
    }
    const step = new Float32Array(size);
    const change = new Float32Array(size);
    for (let index = 0; index < size; index++) {
      step[index] = nextX[index]! - x[index]!;
      change[index] = nextGradient[index]! - gradient[index]!;
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12) {
      steps.push(step);
      changes.push(change);
      curvatures.push(curvature);
      if (steps.length > history) {
        steps.shift();
        changes.shift();
        curvatures.shift();
      }
    }
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    loss = nextLoss;
    iteration++;
    lossCurve.push(loss);
    options.onIteration?.(iteration, loss, norm(gradient));
    const before = lossCurve[Math.max(0, lossCurve.length - 1 - window)]!;
    if (lossCurve.length > window && (before - loss) / Math.max(Math.abs(loss), 1e-12) < options.relativeTolerance) {
      converged = true;
      break;
    }
  }
  return { x, loss, iterations: iteration, lossCurve, converged };
}

function dot(a: Float32Array, b: Float32Array): number {
  let total = 0;
  for (let index = 0; index < a.length; index++) total += a[index]! * b[index]!;
  return total;
}

function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

/** target += scale · source */
function axpy(scale: number, source: Float32Array, target: Float32Array): void {
  for (let index = 0; index < target.length; index++) target[index]! += scale * source[index]!;
}
