import type { ChatCompletion } from 'openai/resources/chat/completions';
import { computeCost, type CatalogModel, type TokenUsage } from '@routewise/policy';
import { readUsage } from '@routewise/providers';
import { countTextTokens } from '@routewise/tokens';

export interface CallCost {
  usd: number;
  usage: TokenUsage;
  /**
   * True when the provider reported no usage and tokens were counted here instead (within @routewise/tokens'
   * budget, so a very long answer's output tokens are estimated from a sample).
   */
  estimated: boolean;
}

/** Cost of one answered call from the provider's reported usage; without usage, from our own token counts. */
export function costOfCall(
  model: CatalogModel,
  usage: ChatCompletion['usage'] | null | undefined,
  promptTokens: number,
  answerText: string,
): CallCost {
  const reported = readUsage(usage);
  const tokens: TokenUsage = reported.reported
    ? reported
    : { inputTokens: promptTokens, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: countTextTokens(answerText).tokens, reasoningTokens: 0 };
  return { usd: computeCost(model, tokens).totalUsd, usage: tokens, estimated: !reported.reported };
}
