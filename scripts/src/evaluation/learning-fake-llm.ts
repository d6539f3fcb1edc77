import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeTask, type PublicExample } from '@routewise/classifier';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';

/** How the stand-in LLM was used so far. */
export interface FakeLlmStatistics {
  /** Classification requests that named a streamed prompt and got a label back. */
  answered: number;
  /** …of which the label was not the prompt's gold label (the `--accuracy` noise). */
  wrong: number;
  /** Requests naming no streamed prompt (answered with a 400, so the router keeps its classifier's answer). */
  unmatched: number;
}

export interface FakeFallbackLlm {
  /** ANTHROPIC_BASE_URL for the router. */
  url: string;
  statistics(): FakeLlmStatistics;
  close(): Promise<void>;
}

/** Prefix of a prompt searched for when a request does not carry the router's exact task text. */
const PREFIX_CHARACTERS = 200;

/**
 * A loopback Anthropic Messages server standing in for the router's fallback LLM (Claude Haiku). For each
 * classification request it finds the streamed prompt the request is about and answers its gold label with
 * probability `accuracy`, otherwise another label. Each prompt's answer is drawn once, before streaming, so asking
 * twice gets the same answer (as a temperature-0 model would) and a run is repeatable from its seed.
 */
export async function startFakeFallbackLlm(prompts: readonly PublicExample[], accuracy: number, random: () => number): Promise<FakeFallbackLlm> {
  const answers = prompts.map((prompt) => {
    if (random() < accuracy) return { gold: prompt.label, label: prompt.label };
    const others = TASK_LABELS.filter((label) => label !== prompt.label);
    return { gold: prompt.label, label: others[Math.floor(random() * others.length)]! };
  });
  // The router sends `describeTask(messages).text` cut at 4,000 characters (llm-fallback-classifier.ts): an exact key.
  const byTaskText = new Map(prompts.map((prompt, index) => [describeTask(prompt.messages).text.slice(0, 4000), index]));
  const texts = prompts.map((prompt) => String(prompt.messages.at(-1)!.content));
  const statistics: FakeLlmStatistics = { answered: 0, wrong: 0, unmatched: 0 };

  const promptIndexOf = (request: string): number | undefined => {
    const asked = /<<<\n([\s\S]*)\n>>>/.exec(request)?.[1] ?? request;
    const exact = byTaskText.get(asked);
    if (exact !== undefined) return exact;
    const found = texts.findIndex((text) => request.includes(text.slice(0, PREFIX_CHARACTERS)));
    return found >= 0 ? found : undefined;
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = request.url?.endsWith('/messages') ? promptIndexOf(userText(Buffer.concat(chunks).toString('utf8'))) : undefined;
      if (index === undefined) {
        statistics.unmatched += 1;
        return send(response, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'the stand-in LLM knows no streamed prompt in this request' } });
      }
      const { gold, label } = answers[index]!;
      statistics.answered += 1;
      if (label !== gold) statistics.wrong += 1;
      send(response, 200, anthropicMessage(label));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    statistics: () => ({ ...statistics }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The user turns' text of an Anthropic Messages body (string contents or text blocks). */
function userText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { messages?: { role?: string; content?: unknown }[] };
    return (parsed.messages ?? [])
      .filter((message) => message.role === 'user')
      .map((message) =>
        typeof message.content === 'string'
          ? message.content
          : Array.isArray(message.content)
            ? message.content.map((block: { text?: unknown }) => (typeof block.text === 'string' ? block.text : '')).join('\n')
            : '',
      )
      .join('\n');
  } catch {
    return '';
  }
}

function anthropicMessage(label: TaskLabel): object {
  return {
    id: `msg_eval_learning_${Date.now()}`,
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5',
    content: [{ type: 'text', text: label }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 300, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

function send(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
