import OpenAI from 'openai';
import { startFakeAnthropicServer, startFakeOpenAIServer } from '../index';

describe('fake OpenAI server', () => {
  it('serves the official openai client: models, chat completions, and a 401 for a wrong key', async () => {
    const server = await startFakeOpenAIServer({ expectedApiKey: 'sk-right', content: (request) => `You asked ${String((request.body as { model: string }).model)}.` });
    try {
      const client = new OpenAI({ apiKey: 'sk-right', baseURL: server.url, maxRetries: 0 });

      const models = await client.models.list();
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });

      expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini');
      expect(completion.choices[0]?.message.content).toBe('You asked gpt-4o-mini.');
      expect(completion.id).toMatch(/^chatcmpl-/);
      expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/models', 'POST /v1/chat/completions']);
      const wrongKeyClient = new OpenAI({ apiKey: 'sk-wrong', baseURL: server.url, maxRetries: 0 });
      await expect(wrongKeyClient.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    } finally {
      await server.close();
    }
  });

  it('sends a usage chunk only when asked, then [DONE]', async () => {
    const server = await startFakeOpenAIServer({ usage: { inputTokens: 5, outputTokens: 2 } });
    try {
      const post = (body: unknown) =>
        fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.text());

      const withUsage = await post({ model: 'm', messages: [], stream: true, stream_options: { include_usage: true } });
      const withoutUsage = await post({ model: 'm', messages: [], stream: true });

      expect(withUsage).toContain('"prompt_tokens":5');
      expect(withUsage.endsWith('data: [DONE]\n\n')).toBe(true);
      expect(withoutUsage).not.toContain('prompt_tokens');
    } finally {
      await server.close();
    }
  });

  it('closes at once while a request hangs', async () => {
    const server = await startFakeOpenAIServer({ fault: { kind: 'hang' } });
    const pending = fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{}' }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();

    await server.close();

    expect(Date.now() - started).toBeLessThan(1000);
    // The client sees the connection drop (a TypeError from fetch), not an answer.
    expect(await pending).toMatchObject({ name: 'TypeError' });
  });

  it('merges usage options, and reset() restores the start options and forgets requests', async () => {
    const server = await startFakeOpenAIServer({ content: 'start' });
    try {
      server.configure({ content: 'changed', usage: { outputTokens: 99 } });
      expect(server.behavior).toMatchObject({ content: 'changed', usage: { outputTokens: 99, inputTokens: 23 } });
      await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer k' } });

      server.reset();

      expect(server.behavior.content).toBe('start');
      expect(server.requests).toHaveLength(0);
      expect(() => server.lastRequest()).toThrow();
    } finally {
      await server.close();
    }
  });
});

describe('fake Anthropic server', () => {
  const headers = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };

  it('streams the real event sequence', async () => {
    const server = await startFakeAnthropicServer({ content: 'Hello there', toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] });
    try {
      const response = await fetch(`${server.url}/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      const events = [...(await response.text()).matchAll(/^event: (\S+)$/gm)].map((match) => match[1]);

      expect(response.headers.get('content-type')).toContain('text/event-stream');
      // Two text pieces; the tool input {"q":"x"} as an empty first delta and two fragments.
      expect(events).toEqual([
        'message_start',
        'content_block_start',
        'ping',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
    } finally {
      await server.close();
    }
  });

  it('rejects what the real API rejects, with its error shape', async () => {
    const server = await startFakeAnthropicServer();
    try {
      const post = async (body: unknown, requestHeaders: Record<string, string> = headers) => {
        const response = await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: requestHeaders, body: JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as { type: string; error: { type: string; message: string } } };
      };

      const noMaxTokens = await post({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] });
      const systemRole = await post({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'system', content: 'x' }] });
      const noVersion = await post({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }, { 'x-api-key': 'k' });

      expect(noMaxTokens).toEqual({ status: 400, body: expect.objectContaining({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } }) });
      expect(systemRole.body.error.message).toBe("messages.0.role: Input should be 'user' or 'assistant'");
      expect(noVersion.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
