import { InvalidRequestError } from '@routewise/errors';
import type { ChatCompletionCreateParams, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { toAnthropicRequest } from '../src/index';

const weather = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } };
const search = { type: 'function' as const, function: { name: 'search' } };
const translate = (request: Partial<ChatCompletionCreateParams>) =>
  toAnthropicRequest({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }], ...request } as ChatCompletionCreateParams, 'claude-haiku-4-5');

function invalidRequest(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('toAnthropicRequest', () => {
  it('maps tool_choice', () => {
    expect(translate({ tools: [weather], tool_choice: 'auto' }).tool_choice).toBeUndefined();
    expect(translate({ tools: [weather], tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
    expect(translate({ tools: [weather], tool_choice: 'required' }).tool_choice).toEqual({ type: 'any' });
    expect(translate({ tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } }).tool_choice).toEqual({
      type: 'tool',
      name: 'get_weather',
    });
  });

  it('narrows the tools to allowed_tools', () => {
    const request = translate({
      tools: [weather, search],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'search' } }] } },
    });

    expect(request.tools?.map((tool) => ('name' in tool ? tool.name : undefined))).toEqual(['search']);
    expect(request.tool_choice).toEqual({ type: 'any' });
  });

  it('gives a tool without parameters an empty object schema', () => {
    expect(translate({ tools: [search] }).tools).toEqual([{ name: 'search', input_schema: { type: 'object', properties: {} } }]);
  });

  it('turns parallel_tool_calls: false into disable_parallel_tool_use', () => {
    expect(translate({ tools: [weather], parallel_tool_calls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(translate({ tools: [weather], tool_choice: 'required', parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
  });

  it('drops tool_choice when there are no tools, as Anthropic rejects it alone', () => {
    expect(translate({ tool_choice: 'required' })).not.toHaveProperty('tool_choice');
  });

  it('drops empty text and assistant turns with nothing in them', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: '' },
      { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'Still there?' }] },
    ];

    expect(translate({ messages }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: 'Still there?' }] },
    ]);
  });

  it('rejects tool call arguments that are not JSON, naming the field', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city": Par' } }] },
    ];

    const error = invalidRequest(() => translate({ messages }));

    expect(error).toMatchObject({ status: 400, param: 'messages[1].tool_calls[0].function.arguments' });
  });

  it('rejects tool call arguments that are JSON but not an object', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '[1, 2]' } }] },
    ];

    expect(invalidRequest(() => translate({ messages })).param).toBe('messages[0].tool_calls[0].function.arguments');
  });

  it('refuses tool call arguments nested thousands of levels deep before parsing them (JSON.parse of 4 MB of brackets takes seconds)', () => {
    const deep = `${'{"a":'.repeat(2_000_000)}1${'}'.repeat(2_000_000)}`;
    const messages: ChatCompletionMessageParam[] = [{ role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: deep } }] }];

    const error = invalidRequest(() => translate({ messages }));

    expect(error.param).toBe('messages[0].tool_calls[0].function.arguments');
    expect(error.message).toContain('nested more than 64 levels');
  });

  it('rejects image formats and URLs Anthropic cannot take', () => {
    const image = (url: string): ChatCompletionMessageParam[] => [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }];

    expect(invalidRequest(() => translate({ messages: image('data:image/bmp;base64,Qk0=') })).param).toBe('messages[0].content[0].image_url.url');
    expect(invalidRequest(() => translate({ messages: image('ftp://example.com/a.png') })).param).toBe('messages[0].content[0].image_url.url');
  });

  it('rejects audio parts, custom tools, the function role and n > 1', () => {
    const audio: ChatCompletionMessageParam[] = [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA=', format: 'wav' } }] }];
    expect(invalidRequest(() => translate({ messages: audio })).param).toBe('messages[0].content[0]');
    expect(invalidRequest(() => translate({ tools: [{ type: 'custom', custom: { name: 'grammar' } }] })).param).toBe('tools[0].type');
    expect(invalidRequest(() => translate({ messages: [{ role: 'function', name: 'f', content: 'x' }] })).param).toBe('messages[0].role');
    expect(invalidRequest(() => translate({ n: 2 })).param).toBe('n');
  });

  it('takes the user id from safety_identifier when user is absent', () => {
    expect(translate({ safety_identifier: 'hash-123' }).metadata).toEqual({ user_id: 'hash-123' });
    expect(translate({})).not.toHaveProperty('metadata');
  });
});
