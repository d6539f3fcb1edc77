import type { CatalogModelConfig, ModelPrices } from '@routewise/config';

/** Token counts of one call, split the way providers price them. */
export interface TokenUsage {
  /** Input tokens billed at the full input price (cache reads and writes excluded). */
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  /** All output tokens, reasoning tokens included. */
  outputTokens: number;
  reasoningTokens: number;
}

export interface CostBreakdown {
  totalUsd: number;
  inputUsd: number;
  cachedInputUsd: number;
  cacheWriteUsd: number;
  outputUsd: number;
}

/**
 * USD cost of one call from its usage and the catalog prices. Cache reads without a listed price are billed as
 * input (no discount assumed); reasoning tokens are output tokens and priced as such. Above a model's
 * long-context threshold the whole call is billed at the long-context prices, as Google bills Gemini 2.5 Pro.
 */
export function computeCost(model: CatalogModelConfig, usage: TokenUsage): CostBreakdown {
  const totalInput = usage.inputTokens + usage.cachedInputTokens + usage.cacheWriteTokens;
  const prices = pricesFor(model, totalInput);
  const perToken = (pricePerMillion: number) => pricePerMillion / 1_000_000;
  const inputUsd = usage.inputTokens * perToken(prices.input);
  const cachedInputUsd = usage.cachedInputTokens * perToken(prices.cached_input ?? prices.input);
  const cacheWriteUsd = usage.cacheWriteTokens * perToken(prices.cache_write ?? prices.input);
  const outputUsd = usage.outputTokens * perToken(prices.output);
  return { totalUsd: inputUsd + cachedInputUsd + cacheWriteUsd + outputUsd, inputUsd, cachedInputUsd, cacheWriteUsd, outputUsd };
}

/** Cost of a call before it is made: the prompt at the input price and the expected output at the output price. */
export function estimateCost(model: CatalogModelConfig, promptTokens: number, outputTokens: number): number {
  return computeCost(model, { inputTokens: promptTokens, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens, reasoningTokens: 0 }).totalUsd;
}

function pricesFor(model: CatalogModelConfig, totalInputTokens: number): ModelPrices {
  const longContext = model.long_context_price;
  return longContext && totalInputTokens > longContext.above_input_tokens ? longContext : model.price_per_million;
}
