import type { RoutingFacts, RoutingPolicy, PolicyDecision } from '@routewise/policy';
import type { TaskLabel } from '@routewise/taxonomy';
import type { RequestFeatures } from './features-stage';
import type { RoutingHeaders } from './routing-headers';

/** Stage 6: rules, the task map and the size and capability checks choose the model. */
export function choosePolicy(
  policy: RoutingPolicy,
  input: { model: string; features: RequestFeatures; headers: RoutingHeaders; task: TaskLabel; taskSource: 'classifier' | 'llm' | 'header' },
): PolicyDecision {
  const facts: RoutingFacts = {
    promptTokens: input.features.promptTokens,
    requestedOutputTokens: input.features.requestedOutputTokens,
    task: input.task,
    userTier: input.headers.userTier,
    latency: input.headers.latency,
    tools: input.features.tools,
    images: input.features.images,
    promptText: input.features.promptText,
  };
  return policy.decide({ facts, pinnedModel: input.model === 'auto' ? null : input.model, taskSource: input.taskSource });
}
