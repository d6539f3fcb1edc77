import type { Request, Response } from 'express';
import type { ModelCatalog } from '@routewise/policy';

/** GET /v1/models: OpenAI's list format, `auto` first, each catalog model with its prices and window. */
export function modelsHandler(catalog: ModelCatalog) {
  const body = {
    object: 'list',
    data: [
      { id: 'auto', object: 'model', created: 0, owned_by: 'routewise', routewise: { description: 'Routewise picks the model per request.' } },
      ...catalog.list().map((model) => ({
        id: model.id,
        object: 'model',
        created: 0,
        owned_by: model.provider,
        routewise: {
          provider: model.provider,
          upstream_model: model.upstreamModel,
          price_per_million: model.price_per_million,
          context_window: model.context_window,
          max_output_tokens: model.max_output_tokens,
          capabilities: model.capabilities,
          tier: model.tier,
        },
      })),
    ],
  };
  return (_request: Request, response: Response): void => {
    response.json(body);
  };
}
