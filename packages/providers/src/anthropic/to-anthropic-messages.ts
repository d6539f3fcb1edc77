import type { ContentBlockParam, MessageParam, ToolUseBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { InvalidRequestError } from '@routewise/errors';
import { parseJsonWithinLimits } from '@routewise/json-limits';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { toAnthropicImage } from './to-anthropic-image';

/** An OpenAI conversation in Anthropic's shape: instructions apart, then alternating user/assistant turns. */
export interface AnthropicConversation {
  /** Every `system` and `developer` message, in order, joined by a blank line. */
  system: string | undefined;
  messages: MessageParam[];
}

interface Turn {
  role: 'user' | 'assistant';
  content: ContentBlockParam[];
}

/**
 * Translates OpenAI messages. Consecutive turns of one role are merged (tool results and the user text after
 * them become one user turn, as Anthropic expects); empty text is dropped because Anthropic rejects it.
 */
export function toAnthropicConversation(messages: readonly ChatCompletionMessageParam[]): AnthropicConversation {
  const instructions: string[] = [];
  const turns: Turn[] = [];
  const addTurn = (role: Turn['role'], content: ContentBlockParam[]) => {
    if (content.length === 0) return;
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...content);
    else turns.push({ role, content });
  };

  messages.forEach((message, messageIndex) => {
    const param = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = joinText(message.content);
        if (text !== '') instructions.push(text);
        break;
      }
      case 'user':
        addTurn('user', userContent(message.content, param));
        break;
      case 'assistant':
        addTurn('assistant', assistantContent(message, param));
        break;
      case 'tool': {
        const text = joinText(message.content);
        addTurn('user', [{ type: 'tool_result', tool_use_id: message.tool_call_id, ...(text === '' ? {} : { content: text }) }]);
        break;
      }
      case 'function':
        throw new InvalidRequestError("The deprecated 'function' role is not supported for Anthropic models; use 'tool' messages.", `${param}.role`);
    }
  });

  return { system: instructions.length === 0 ? undefined : instructions.join('\n\n'), messages: turns };
}

function userContent(content: string | ChatCompletionContentPart[], param: string): ContentBlockParam[] {
  if (typeof content === 'string') return textBlocks(content);
  return content.flatMap((part, partIndex): ContentBlockParam[] => {
    const partParam = `${param}.content[${partIndex}]`;
    switch (part.type) {
      case 'text':
        return textBlocks(part.text);
      case 'image_url':
        return [toAnthropicImage(part.image_url.url, `${partParam}.image_url.url`)];
      default:
        throw new InvalidRequestError(`Content parts of type '${part.type}' are not supported for Anthropic models.`, partParam);
    }
  });
}

function assistantContent(message: ChatCompletionAssistantMessageParam, param: string): ContentBlockParam[] {
  const content = message.content ?? '';
  const text =
    typeof content === 'string' ? content : content.map((part) => (part.type === 'text' ? part.text : part.refusal)).join('');
  const toolUses = (message.tool_calls ?? []).map((toolCall, callIndex): ToolUseBlockParam => {
    const callParam = `${param}.tool_calls[${callIndex}]`;
    if (toolCall.type !== 'function') {
      throw new InvalidRequestError('Only function tool calls are supported for Anthropic models.', `${callParam}.type`);
    }
    return { type: 'tool_use', id: toolCall.id, name: toolCall.function.name, input: parseArguments(toolCall.function.arguments, `${callParam}.function.arguments`) };
  });
  return [...textBlocks(text), ...toolUses];
}

/** Tool-call arguments are JSON the client wrote inside a string: bounded like a body before they are parsed. */
const ARGUMENT_LIMITS = { maxDepth: 64, maxValues: 50_000 };

/** Anthropic wants the tool input as an object; OpenAI carries it as a JSON string. */
function parseArguments(argumentsJson: string, param: string): Record<string, unknown> {
  const parsed = argumentsJson.trim() === '' ? {} : parseJsonWithinLimits(argumentsJson, ARGUMENT_LIMITS, param);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError('Tool call arguments must be a JSON object.', param);
  }
  return parsed as Record<string, unknown>;
}

function joinText(content: string | ChatCompletionContentPartText[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}

function textBlocks(text: string): ContentBlockParam[] {
  return text === '' ? [] : [{ type: 'text', text }];
}
