import { z } from 'zod';
import { PROVIDER_IDS, type ProviderId } from '@routewise/providers';

/** USD per million tokens. `cached_input` is a cache read; `cache_write` is Anthropic's cache creation price. */
const pricesSchema = z.strictObject({
  input: z.number().nonnegative(),
  cached_input: z.number().nonnegative().optional(),
  cache_write: z.number().nonnegative().optional(),
  output: z.number().nonnegative(),
});

export const CAPABILITIES = ['tools', 'vision', 'json_mode', 'reasoning'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const catalogModelSchema = z.strictObject({
  provider: z.enum(PROVIDER_IDS as [ProviderId, ...ProviderId[]]),
  /** The id the provider knows; defaults to the catalog id. */
  upstream_model: z.string().min(1).optional(),
  price_per_million: pricesSchema,
  /** Some providers charge more once the prompt passes a size (Gemini 2.5 Pro above 200k tokens). */
  long_context_price: pricesSchema.extend({ above_input_tokens: z.number().int().positive() }).optional(),
  context_window: z.number().int().positive(),
  max_output_tokens: z.number().int().positive(),
  capabilities: z.array(z.enum(CAPABILITIES)).default([]),
  /** Rough capability rank (1 = cheapest/simplest); used to move a task up or down a tier. */
  tier: z.number().int().min(1).max(5),
  description: z.string().optional(),
});

export type CatalogModelConfig = z.infer<typeof catalogModelSchema>;
export type ModelPrices = z.infer<typeof pricesSchema>;
