import type { ChatCompletion } from 'openai/resources/chat/completions';

type Choice = ChatCompletion['choices'][number];

/**
 * The choice the checks judge. A cascade asks for one answer (`n` 1), so checks read the first choice; with
 * `n` > 1 the others are not checked.
 */
export function firstChoice(answer: ChatCompletion): Choice | undefined {
  return Array.isArray(answer.choices) ? answer.choices[0] : undefined;
}

/** The first choice's text, or '' when it has none (null content, tool calls only, no choices). */
export function answerText(answer: ChatCompletion): string {
  const content: unknown = firstChoice(answer)?.message?.content;
  return typeof content === 'string' ? content : '';
}

/** True when the first choice calls tools (or the legacy function) instead of, or besides, answering in text. */
export function hasToolCalls(answer: ChatCompletion): boolean {
  const message = firstChoice(answer)?.message;
  return (Array.isArray(message?.tool_calls) && message.tool_calls.length > 0) || (message?.function_call ?? null) !== null;
}

/** Shortens a quote for a reason, on one line. */
export function quote(text: string, maxLength = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > maxLength ? `${oneLine.slice(0, maxLength)}…` : oneLine);
}
