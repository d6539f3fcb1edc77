import type { Tool, ToolChoice } from '@anthropic-ai/sdk/resources/messages';
import { InvalidRequestError } from '@routewise/errors';
import type { ChatCompletionCreateParams, ChatCompletionTool } from 'openai/resources/chat/completions';

export interface AnthropicToolOptions {
  tools?: Tool[];
  tool_choice?: ToolChoice;
}

/**
 * OpenAI function tools and `tool_choice` in Anthropic's terms: `required` is `any`, a named function is
 * `tool`, `allowed_tools` narrows the tool list. `parallel_tool_calls: false` becomes `disable_parallel_tool_use`.
 */
export function toAnthropicTools(request: ChatCompletionCreateParams): AnthropicToolOptions {
  if (request.tools === undefined || request.tools.length === 0) return {};
  let tools = request.tools.map(toAnthropicTool);
  const disableParallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;

  if (choice === undefined || choice === 'auto') {
    return { tools, ...(request.parallel_tool_calls === false ? { tool_choice: { type: 'auto', ...disableParallel } } : {}) };
  }
  if (choice === 'none') return { tools, tool_choice: { type: 'none' } };
  if (choice === 'required') return { tools, tool_choice: { type: 'any', ...disableParallel } };
  switch (choice.type) {
    case 'function':
      return { tools, tool_choice: { type: 'tool', name: choice.function.name, ...disableParallel } };
    case 'allowed_tools': {
      const allowed = new Set(choice.allowed_tools.tools.map(allowedToolName));
      tools = tools.filter((tool) => allowed.has(tool.name));
      return { tools, tool_choice: { type: choice.allowed_tools.mode === 'required' ? 'any' : 'auto', ...disableParallel } };
    }
    default:
      throw new InvalidRequestError('Only function tools can be chosen for Anthropic models.', 'tool_choice');
  }
}

function toAnthropicTool(tool: ChatCompletionTool, index: number): Tool {
  if (tool.type !== 'function') {
    throw new InvalidRequestError('Only function tools are supported for Anthropic models.', `tools[${index}].type`);
  }
  const { name, description, parameters } = tool.function;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    input_schema: { properties: {}, ...parameters, type: 'object' },
  };
}

/** `allowed_tools.tools` entries look like `{type: "function", function: {name}}`. */
function allowedToolName(entry: { [key: string]: unknown }): string | undefined {
  const functionEntry = entry.function;
  if (typeof functionEntry === 'object' && functionEntry !== null && 'name' in functionEntry && typeof functionEntry.name === 'string') {
    return functionEntry.name;
  }
  return typeof entry.name === 'string' ? entry.name : undefined;
}
