import { createServer } from 'node:http';

/**
 * A provider that answers instantly, for the end-to-end benchmark: OpenAI Chat Completions on
 * POST /v1/chat/completions and Anthropic Messages on POST /v1/messages. Prints its port on stdout.
 */
const openAIAnswer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_764_000_000,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'A short benchmark answer.', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 50, completion_tokens: 8, total_tokens: 58, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
});
const anthropicAnswer = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'bench-model',
  content: [{ type: 'text', text: 'A short benchmark answer.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 50, output_tokens: 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
});

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const body = request.url?.endsWith('/messages') ? anthropicAnswer : openAIAnswer;
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
