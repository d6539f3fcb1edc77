import { countO200kTokens, countTokensWithinBudget } from '@routewise/tokens';
import { chatRequestSchema } from '../src/pipeline/chat-request-schema';
import { extractFeatures } from '../src/pipeline/features-stage';

const request = (body: unknown) => chatRequestSchema.parse(body);

describe('extractFeatures', () => {
  it('counts message texts, tool calls and tool definitions exactly for a small request, plus the chat overheads', () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const toolCalls = [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }];
    const features = extractFeatures(
      request({
        model: 'auto',
        tools,
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: [{ type: 'text', text: 'What is in this picture, and what is the weather?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] },
          { role: 'assistant', content: null, tool_calls: toolCalls },
          { role: 'tool', tool_call_id: 'call_1', content: '18 °C, clear' },
        ],
      }),
      1024,
    );

    const texts = ['You are a helpful assistant.', 'What is in this picture, and what is the weather?', '18 °C, clear', JSON.stringify(toolCalls), JSON.stringify(tools)];
    // 3 to prime the reply, 3 per message, 765 per image
    expect(features.promptTokens).toBe(3 + 4 * 3 + 765 + texts.reduce((sum, text) => sum + countO200kTokens(text), 0));
    expect(features.promptTokensExact).toBe(true);
    expect(features).toMatchObject({ tools: true, images: true, conversationTurns: 1, requestedOutputTokens: 1024, outputLimitGiven: false });
  });

  it('estimates a long request and says so', () => {
    const paragraph = 'Routing sends each request to the cheapest model that handles its kind of task well. ';
    const document = paragraph.repeat(3000);
    const features = extractFeatures(request({ model: 'auto', messages: [{ role: 'user', content: document }] }), 1024);

    const everything = countTokensWithinBudget([document], { budget: Infinity }).tokens;
    expect(features.promptTokensExact).toBe(false);
    expect(Math.abs(features.promptTokens - 3 - 3 - everything) / everything).toBeLessThan(0.02);
  });

  it('gives rules every message’s text when the request is small', () => {
    const features = extractFeatures(request({ model: 'auto', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'SELECT id FROM users' }] }), 1024);
    expect(features.promptText).toBe('Be brief.\nSELECT id FROM users');
  });

  it('gives rules the head and tail of a long message, and of a long conversation, never more than 64,001 characters', () => {
    const long = `START ${'filler text '.repeat(20_000)} MIDDLE ${'filler text '.repeat(20_000)} END`;
    const one = extractFeatures(request({ model: 'auto', messages: [{ role: 'user', content: long }] }), 1024).promptText;
    expect(one.length).toBe(8_000 + 1 + 2_000);
    expect(one.startsWith('START ')).toBe(true);
    expect(one.endsWith(' END')).toBe(true);
    expect(one).not.toContain('MIDDLE');

    const messages = [
      { role: 'system', content: 'SYSTEM PROMPT' },
      ...Array.from({ length: 60 }, (_, turn) => ({ role: turn % 2 === 0 ? 'user' : 'assistant', content: `turn ${turn} ${'word '.repeat(3_000)}` })),
      { role: 'user', content: 'LATEST QUESTION' },
    ];
    const conversation = extractFeatures(request({ model: 'auto', messages }), 1024).promptText;
    expect(conversation.length).toBeLessThanOrEqual(64_001);
    expect(conversation.startsWith('SYSTEM PROMPT\n')).toBe(true);
    expect(conversation.endsWith('\nLATEST QUESTION')).toBe(true);
  });
});
