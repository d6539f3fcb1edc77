import { answerContent, type FakeToolCall, type FakeUpstreamBehavior, type FakeUsage } from './fake-upstream-behavior';
import type { RecordedRequest } from './recorded-request';

/** The answer a fake server is about to send, before it is written in its provider's format. */
export interface FakeAnswer {
  text: string;
  toolCalls: Array<Required<FakeToolCall>>;
  finish: 'stop' | 'length' | 'tool_calls';
  model: string;
  usage: FakeUsage;
}

export function resolveFakeAnswer(
  behavior: FakeUpstreamBehavior,
  request: RecordedRequest,
  newToolCallId: () => string,
): FakeAnswer {
  const requestedModel = isRecord(request.body) && typeof request.body.model === 'string' ? request.body.model : 'unknown-model';
  const toolCalls = behavior.toolCalls.map((call) => ({ id: call.id ?? newToolCallId(), name: call.name, arguments: call.arguments }));
  return {
    text: answerContent(behavior, request),
    toolCalls,
    finish: behavior.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    model: behavior.answerModel ?? requestedModel,
    usage: behavior.usage,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON text cut in the middle: what a proxy that drops the connection or a buggy server sends. */
export function cutJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
