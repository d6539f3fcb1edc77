import type { Request, Response } from 'express';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { RoutewiseError, toOpenAIErrorBody } from '@routewise/errors';
import type { Logger } from '@routewise/telemetry';
import { costOfCall } from '../dispatch/call-cost';
import { dispatchCompletion, dispatchStream, type DispatchDependencies, type DispatchedCompletion } from '../pipeline/dispatch-stage';
import type { RoutedRequest, RoutingPipeline } from '../pipeline/pipeline';
import { recordDecision } from '../pipeline/record-stage';
import { readRoutingHeaders } from '../pipeline/routing-headers';
import type { DecisionRecorder } from '../recording/decision-record';
import { formatUsd, setRoutingHeaders } from './routing-response-headers';
import { startEventStream, writeEvent } from './server-sent-events';
import { completionAsChunks } from './completion-as-chunks';
import { stripJsonFence, type AnswerCheck, type CheckName } from '@routewise/checks';
import type { RoutewiseConfig } from '@routewise/config';
import type { ModelCatalog } from '@routewise/policy';
import { cascadeHeader, dispatchCascade, planCascade, type CascadeOutcome, type CascadePlan } from '../pipeline/cascade-stage';

export interface ChatCompletionsDependencies {
  pipeline: RoutingPipeline;
  dispatch: DispatchDependencies;
  recorder: DecisionRecorder;
  logger: Logger;
  cascades: CascadeDependencies;
}

export interface CascadeDependencies {
  config: RoutewiseConfig;
  catalog: ModelCatalog;
  checks: ReadonlyMap<CheckName, AnswerCheck>;
}

/** POST /v1/chat/completions: route, answer (JSON or SSE), record. */
export function chatCompletionsHandler(dependencies: ChatCompletionsDependencies) {
  return async (request: Request, response: Response): Promise<void> => {
    const routed = await dependencies.pipeline.route(request.body, readRoutingHeaders(request.headers));
    const { config, catalog, checks } = dependencies.cascades;
    const plan = planCascade(routed, config, catalog, checks);
    if (plan) return answerWithCascade(routed, plan, response, dependencies);
    if (routed.request.stream === true) return streamAnswer(routed, response, dependencies);
    try {
      const answer = await dispatchCompletion(routed, dependencies.dispatch);
      recordDecision(dependencies.recorder, routed, { kind: 'completion', cost: answer.cost, simulated: answer.simulated, upstreamMs: answer.upstreamMs, errorCode: null });
      setRoutingHeaders(response, routed, answer.cost.usd, answer.simulated);
      if (answer.cost.estimated) response.setHeader('x-routewise-cost-estimated', 'true');
      response.json(answer.completion);
    } catch (error) {
      recordFailure(routed, error, dependencies);
      setRoutingHeaders(response, routed, 0, false);
      throw error;
    }
  };
}

/**
 * Streams the provider's chunks as they come. Headers go out with the first chunk, so a provider that fails before
 * answering still gets a proper JSON error with its status. The cost is only known at the end: the
 * `x-routewise-cost-usd` header carries the pre-call estimate (marked by `x-routewise-cost-estimated: true`) and the
 * trailer of the same name the actual cost; clients that ask for usage also get it in the usage chunk.
 */
async function streamAnswer(routed: RoutedRequest, response: Response, dependencies: ChatCompletionsDependencies): Promise<void> {
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  const { chunks, simulated } = dispatchStream(routed, dependencies.dispatch, abort.signal);
  const iterator = chunks[Symbol.asyncIterator]();
  const startedAt = performance.now();
  let next: IteratorResult<ChatCompletionChunk>;
  try {
    next = await iterator.next();
  } catch (error) {
    recordFailure(routed, error, dependencies);
    setRoutingHeaders(response, routed, 0, false);
    throw error;
  }

  setRoutingHeaders(response, routed, routed.estimatedCostUsd, simulated);
  response.setHeader('x-routewise-cost-estimated', 'true');
  startEventStream(response, ['x-routewise-cost-usd']);
  const clientWantsUsage = routed.request.stream_options?.include_usage === true;
  let answerText = '';
  let usage: ChatCompletionChunk['usage'] = null;
  let streamId = routed.requestId;
  let created = Math.floor(Date.now() / 1000);
  try {
    while (!next.done) {
      const chunk = next.value;
      streamId = chunk.id || streamId;
      created = chunk.created || created;
      for (const choice of chunk.choices) answerText += choice.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
      const isUsageOnly = chunk.choices.length === 0 && chunk.usage;
      if (!isUsageOnly) await writeEvent(response, clientWantsUsage ? chunk : { ...chunk, usage: undefined });
      next = await iterator.next();
    }
    const cost = costOfCall(routed.decision.model, usage, routed.features.promptTokens, answerText);
    if (clientWantsUsage) {
      await writeEvent(response, usageChunk(routed, { id: streamId, created }, usage, cost.usd, cost.estimated));
    }
    recordDecision(dependencies.recorder, routed, { kind: 'completion', cost, simulated, upstreamMs: performance.now() - startedAt, errorCode: null });
    response.addTrailers({ 'x-routewise-cost-usd': formatUsd(cost.usd) });
    await writeEvent(response, '[DONE]');
    response.end();
  } catch (error) {
    recordFailure(routed, error, dependencies);
    if (!response.destroyed) {
      await writeEvent(response, toOpenAIErrorBody(error).body).catch(() => undefined);
      response.end();
    }
    if (!(error instanceof RoutewiseError)) dependencies.logger.error({ error: (error as Error).message }, 'stream failed');
  }
}

/** The last chunk for clients that asked for usage, with Routewise's cost beside OpenAI's usage. */
function usageChunk(
  routed: RoutedRequest,
  stream: { id: string; created: number },
  usage: ChatCompletionChunk['usage'],
  costUsd: number,
  estimated: boolean,
) {
  return {
    id: stream.id,
    object: 'chat.completion.chunk',
    created: stream.created,
    model: routed.decision.model.id,
    choices: [],
    usage: usage ?? null,
    routewise: { request_id: routed.requestId, cost_usd: costUsd, cost_estimated: estimated },
  };
}

/**
 * A cascade must not send bytes it may take back: every attempt is made in full and checked first. The answer that
 * passed (or, when none did, the last one, marked by `x-routewise-cascade-exhausted`) is then sent, as JSON or, for
 * `stream: true`, replayed as server-sent events.
 */
async function answerWithCascade(routed: RoutedRequest, plan: CascadePlan, response: Response, dependencies: ChatCompletionsDependencies): Promise<void> {
  let outcome: CascadeOutcome;
  try {
    outcome = await dispatchCascade(routed, plan, dependencies.dispatch, dependencies.cascades.checks);
  } catch (error) {
    recordFailure(routed, error, dependencies);
    setRoutingHeaders(response, routed, 0, false);
    throw error;
  }
  const { attempts, exhausted, totalCostUsd } = outcome;
  const answer = exhausted ? outcome.answer : withUnwrappedJson(outcome.answer, plan, routed);
  const cost = { ...answer.cost, usd: totalCostUsd };
  recordDecision(dependencies.recorder, routed, { kind: 'completion', cost, simulated: answer.simulated, upstreamMs: outcome.upstreamMs, errorCode: null, cascade: attempts });
  setRoutingHeaders(response, routed, totalCostUsd, answer.simulated);
  response.setHeader('x-routewise-model', answer.completion.model);
  response.setHeader('x-routewise-cascade', cascadeHeader(attempts));
  if (exhausted) response.setHeader('x-routewise-cascade-exhausted', 'true');
  if (answer.cost.estimated) response.setHeader('x-routewise-cost-estimated', 'true');
  if (routed.request.stream !== true) {
    response.json(answer.completion);
    return;
  }
  startEventStream(response, []);
  for (const chunk of completionAsChunks(answer.completion)) await writeEvent(response, chunk);
  if (routed.request.stream_options?.include_usage === true) {
    await writeEvent(response, usageChunk(routed, { id: answer.completion.id, created: answer.completion.created }, answer.completion.usage ?? null, totalCostUsd, answer.cost.estimated));
  }
  await writeEvent(response, '[DONE]');
  response.end();
}

/**
 * The json_schema check accepts JSON wrapped in one ```json fence (models that ignore response_format write it that
 * way); a client that asked for JSON gets the JSON itself.
 */
function withUnwrappedJson(answer: DispatchedCompletion, plan: CascadePlan, routed: RoutedRequest): DispatchedCompletion {
  const format = (routed.request as { response_format?: { type?: string } }).response_format?.type;
  if (!plan.checks.includes('json_schema') || (format !== 'json_object' && format !== 'json_schema')) return answer;
  const choices = answer.completion.choices.map((choice) => {
    const content = choice.message.content;
    const unwrapped = content === null ? null : stripJsonFence(content);
    return unwrapped?.fenced ? { ...choice, message: { ...choice.message, content: unwrapped.text } } : choice;
  });
  return { ...answer, completion: { ...answer.completion, choices } };
}

function recordFailure(routed: RoutedRequest, error: unknown, dependencies: ChatCompletionsDependencies): void {
  const errorCode = error instanceof RoutewiseError ? error.code : 'internal_error';
  recordDecision(dependencies.recorder, routed, { kind: 'completion', cost: null, simulated: false, upstreamMs: 0, errorCode });
}
