import { randomBytes } from 'node:crypto';

/** A request body built to be as expensive as possible for one part of the router, and what it should get. */
export interface WorstCaseBody {
  name: string;
  body: Buffer;
  /** What a correct router answers: `200`, or the status and error code that refuse it. */
  expected: string;
}

const userMessage = (content: string) => ({ role: 'user', content });
const chat = (messages: unknown[], extra: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({ model: 'auto', messages, ...extra }));

/** Random BMP Han characters: no spaces, ~2 tokens each, and slow to decode from UTF-8. */
function hanText(characters: number): string {
  const bytes = randomBytes(characters * 2);
  let text = '';
  for (let index = 0; index < characters; index++) text += String.fromCharCode(0x4e00 + (bytes.readUInt16LE(index * 2) % 20_000));
  return text;
}

/**
 * The worst cases the issue measured (long runs of one character, a megabyte of tool-call arguments, deep nesting)
 * and the worst of each kind for the body reader (structure, escapes, non-ASCII, whitespace), sized to `bytes`.
 */
export function worstCaseBodies(bytes: number): WorstCaseBody[] {
  const room = bytes - 200;
  return [
    { name: "160k × 'x' in one message", body: chat([userMessage('x'.repeat(160_000))]), expected: '200' },
    {
      name: "1 MB of 'x' in tool_calls arguments",
      body: chat([
        userMessage('call it'),
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: 'x'.repeat(1024 * 1024) } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'done' },
      ]),
      expected: '200',
    },
    {
      name: 'tool parameters nested 4,500 deep',
      body: Buffer.from(`{"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"a":'.repeat(4_500)}1${'}'.repeat(4_500)}}}]}`),
      expected: '400 invalid_request',
    },
    { name: "limit-size run of 'x'", body: chat([userMessage('x'.repeat(room))]), expected: '200' },
    // Both are more tokens than any model's context window: routed in full, then refused with the reason.
    { name: 'limit-size random Han text', body: chat([userMessage(hanText(Math.floor(room / 3)))]), expected: '400 context_length_exceeded' },
    { name: 'limit-size base64', body: chat([userMessage(randomBytes(Math.floor((room * 3) / 4)).toString('base64'))]), expected: '400 context_length_exceeded' },
    { name: 'limit-size escaped quotes', body: chat([userMessage('"'.repeat(Math.floor(room / 2)))]), expected: '200' },
    { name: 'limit-size whitespace', body: Buffer.from(`{"model":"auto",${' '.repeat(room)}"messages":[{"role":"user","content":"hi"}]}`), expected: '200' },
    { name: '16,000 one-word messages', body: chat(Array.from({ length: 16_000 }, () => userMessage('a'))), expected: '200' },
    { name: '1M numbers (over the value limit)', body: Buffer.from(`{"model":"auto","messages":[{"role":"user","content":"hi"}],"x":[${'1,'.repeat(1_000_000)}1]}`), expected: '400 invalid_request' },
  ].filter((worstCase) => worstCase.body.length <= bytes);
}
