import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { ProviderAdapter, WireFormat } from '@routewise/providers';
import { PROVIDER_REGISTRY } from '@routewise/providers';
import type { CatalogModel } from '@routewise/policy';
import { withSpan } from '@routewise/telemetry';
import { costOfCall, type CallCost } from '../dispatch/call-cost';
import type { ProviderTargetResolver } from '../dispatch/provider-target-resolver';
import type { RoutedRequest } from './pipeline';

export interface DispatchDependencies {
  adapters: Readonly<Record<WireFormat, ProviderAdapter>>;
  simulatedAdapter: ProviderAdapter;
  targets: ProviderTargetResolver;
  timeoutMs: number;
}

export interface DispatchedCompletion {
  completion: ChatCompletion;
  cost: CallCost;
  simulated: boolean;
  upstreamMs: number;
}

/** Stage 7: the chosen model answers. The answer names the catalog model, whatever the provider calls it. */
export async function dispatchCompletion(
  routed: RoutedRequest,
  dependencies: DispatchDependencies,
  model: CatalogModel = routed.decision.model,
): Promise<DispatchedCompletion> {
  const { adapter, target, simulated } = pickAdapter(routed, dependencies, model);
  const startedAt = performance.now();
  const completion = await withSpan(
    'routewise.dispatch',
    { 'routewise.provider': target.provider, 'routewise.model': model.id, 'routewise.simulated': simulated },
    () => adapter.complete(upstreamRequest(routed, model), target, { timeoutMs: dependencies.timeoutMs }),
  );
  const upstreamMs = performance.now() - startedAt;
  const answerText = completion.choices.map((choice) => choice.message.content ?? '').join('');
  const cost = costOfCall(model, completion.usage, routed.features.promptTokens, answerText);
  return { completion: { ...completion, model: model.id }, cost, simulated, upstreamMs };
}

export interface DispatchedStream {
  simulated: boolean;
  chunks: AsyncIterable<ChatCompletionChunk>;
}

/** Stage 7, streaming: chunks as the provider sends them (the last one carries usage), renamed to the catalog id. */
export function dispatchStream(routed: RoutedRequest, dependencies: DispatchDependencies, signal: AbortSignal): DispatchedStream {
  const { adapter, target, simulated } = pickAdapter(routed, dependencies, routed.decision.model);
  const modelId = routed.decision.model.id;
  const upstream = adapter.stream(upstreamStreamingRequest(routed), target, { timeoutMs: dependencies.timeoutMs, signal });
  return {
    simulated,
    chunks: (async function* renamed() {
      for await (const chunk of upstream) yield { ...chunk, model: modelId };
    })(),
  };
}

function pickAdapter(routed: RoutedRequest, dependencies: DispatchDependencies, model: CatalogModel) {
  const resolved = dependencies.targets.resolve(model, routed.headers.callerKeys);
  const adapter = resolved.simulated
    ? dependencies.simulatedAdapter
    : dependencies.adapters[PROVIDER_REGISTRY[resolved.target.provider].wireFormat];
  return { adapter, target: resolved.target, simulated: resolved.simulated };
}

/**
 * The client's request with the upstream model id. The adapters strip Routewise's own `routewise` options and ask
 * streams for usage, whatever the caller sent.
 */
function upstreamRequest(routed: RoutedRequest, model: CatalogModel): ChatCompletionCreateParamsNonStreaming {
  return { ...(routed.request as unknown as ChatCompletionCreateParamsNonStreaming), model: model.upstreamModel, stream: false };
}

function upstreamStreamingRequest(routed: RoutedRequest): ChatCompletionCreateParamsStreaming {
  return { ...(routed.request as unknown as ChatCompletionCreateParamsStreaming), model: routed.decision.model.upstreamModel, stream: true };
}
