/** Softmax of logits divided by a temperature: probabilities that sum to 1. */
export function softmax(logits: readonly number[], temperature: number): number[] {
  const scaled = logits.map((logit) => logit / temperature);
  const max = Math.max(...scaled);
  const exponentials = scaled.map((value) => Math.exp(value - max));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

/**
 * Temperature scaling: the one number that makes held-out probabilities honest (minimum negative log-likelihood),
 * found by golden-section search over log(temperature).
 */
export function fitTemperature(logitRows: readonly number[][], goldIndexes: readonly number[]): number {
  const loss = (logTemperature: number) => {
    const temperature = Math.exp(logTemperature);
    let total = 0;
    logitRows.forEach((logits, row) => {
      total -= Math.log(Math.max(softmax(logits, temperature)[goldIndexes[row]!]!, 1e-12));
    });
    return total;
  };
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let iteration = 0; iteration < 60; iteration++) {
    const left = high - ratio * (high - low);
    const right = low + ratio * (high - low);
    if (loss(left) < loss(right)) high = right;
    else low = left;
  }
  return Math.exp((low + high) / 2);
}
