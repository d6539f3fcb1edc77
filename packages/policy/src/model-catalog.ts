import type { CatalogModelConfig, RoutewiseConfig } from '@routewise/config';
import type { ProviderId } from '@routewise/providers';
import { estimateCost } from './request-cost';

export interface CatalogModel extends CatalogModelConfig {
  id: string;
  upstreamModel: string;
}

/** The configured models, looked up by catalog id. */
export class ModelCatalog {
  private readonly models: ReadonlyMap<string, CatalogModel>;

  constructor(catalog: RoutewiseConfig['catalog']) {
    this.models = new Map(
      Object.entries(catalog).map(([id, model]) => [id, { ...model, id, upstreamModel: model.upstream_model ?? id }]),
    );
  }

  get(id: string): CatalogModel | undefined {
    return this.models.get(id);
  }

  list(): CatalogModel[] {
    return [...this.models.values()];
  }

  providerOf(id: string): ProviderId | undefined {
    return this.models.get(id)?.provider;
  }

  /** Models accepted by `accept`, cheapest first for a request of this size. */
  cheapestFirst(promptTokens: number, outputTokens: number, accept: (model: CatalogModel) => boolean): CatalogModel[] {
    return this.list()
      .filter(accept)
      .map((model) => ({ model, cost: estimateCost(model, promptTokens, outputTokens) }))
      .sort((a, b) => a.cost - b.cost || a.model.tier - b.model.tier || a.model.id.localeCompare(b.model.id))
      .map(({ model }) => model);
  }
}
