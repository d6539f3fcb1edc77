import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { countPromptTokens, demoModeLabel, SimulatedAnswerAdapter, type ProviderCallTarget } from '../src/index';

describe('SimulatedAnswerAdapter', () => {
  const adapter = new SimulatedAnswerAdapter();
  const target: ProviderCallTarget = { provider: 'openai', upstreamModel: 'gpt-4o-mini', baseURL: 'http://127.0.0.1:9/v1', apiKey: '' };
  const options = { timeoutMs: 1000 };
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Explain the difference between TCP and UDP.' },
  ];
  const request = (extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}): ChatCompletionCreateParamsNonStreaming => ({ model: 'auto', messages, ...extra });
  const collect = async (iterable: AsyncIterable<ChatCompletionChunk>) => {
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of iterable) chunks.push(chunk);
    return chunks;
  };

  it('reports the OpenAI wire format', () => {
    expect(adapter.wireFormat).toBe('openai');
  });

  it('starts its answer with the demo-mode label naming the model', async () => {
    const completion = await adapter.complete(request(), target, options);

    const content = completion.choices[0]?.message.content ?? '';
    expect(content.startsWith('[Routewise demo mode: simulated answer from gpt-4o-mini. No provider key is configured, so no model was called.]')).toBe(true);
    expect(content.startsWith(demoModeLabel('gpt-4o-mini'))).toBe(true);
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('counts usage with the o200k tokenizer: message texts plus 3 per message plus 3 for the reply', async () => {
    const completion = await adapter.complete(request(), target, options);

    const content = completion.choices[0]?.message.content ?? '';
    const expectedPrompt = countTokens('You are a helpful assistant.') + 3 + countTokens('Explain the difference between TCP and UDP.') + 3 + 3;
    expect(countPromptTokens(messages)).toBe(expectedPrompt);
    expect(completion.usage).toMatchObject({
      prompt_tokens: expectedPrompt,
      completion_tokens: countTokens(content),
      total_tokens: expectedPrompt + countTokens(content),
    });
  });

  it('answers the same prompt the same way, and different prompts with different lengths', async () => {
    const answerTo = async (question: string) =>
      (await adapter.complete({ model: 'auto', messages: [{ role: 'user', content: question }] }, target, options)).choices[0]?.message.content ?? '';
    const labelTokens = countTokens(`${demoModeLabel('gpt-4o-mini')}\n\n`);

    expect(await answerTo('What is 2 + 2?')).toBe(await answerTo('What is 2 + 2?'));
    const lengths = new Set<number>();
    for (const question of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      const fillerTokens = countTokens(await answerTo(question)) - labelTokens;
      expect(fillerTokens).toBeGreaterThanOrEqual(40 - 2);
      expect(fillerTokens).toBeLessThanOrEqual(400 + 30);
      lengths.add(fillerTokens);
    }
    expect(lengths.size).toBeGreaterThan(4);
  });

  it('cuts the answer at max_tokens and says so with finish_reason length', async () => {
    for (const limit of [{ max_tokens: 25 }, { max_completion_tokens: 25 }]) {
      const completion = await adapter.complete(request(limit), target, options);

      expect(completion.choices[0]?.finish_reason).toBe('length');
      expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(25);
      expect(completion.usage?.completion_tokens).toBe(countTokens(completion.choices[0]?.message.content ?? ''));
      expect(completion.choices[0]?.message.content).toMatch(/^\[Routewise demo mode/);
    }
  });

  it('streams exactly the non-streamed text in word groups, then a finish chunk and a usage chunk', async () => {
    const completion = await adapter.complete(request(), target, options);

    const chunks = await collect(adapter.stream({ ...request(), stream: true }, target, options));

    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(completion.choices[0]?.message.content);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: completion.usage });
  });

  it('answers in text and never invents tool calls', async () => {
    const completion = await adapter.complete(
      request({ tools: [{ type: 'function', function: { name: 'get_weather' } }], tool_choice: 'required' }),
      target,
      options,
    );

    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });
});
