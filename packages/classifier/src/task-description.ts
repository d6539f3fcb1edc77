/** The part of a chat request that tells what the task is, plus a few numbers about its shape. */
export interface TaskDescription {
  /** What gets embedded: the latest user turn (head and tail when long), then some system prompt and earlier turns. */
  text: string;
  /** Characters in the latest user turn, before any cutting. */
  latestTurnCharacters: number;
  /** Number of messages in the conversation. */
  messageCount: number;
}

export interface DescribableMessage {
  role: string;
  content?: unknown;
}

const LATEST_TURN_HEAD = 1500;
const LATEST_TURN_TAIL = 600;
const SYSTEM_PROMPT_HEAD = 300;
const EARLIER_TURN_HEAD = 250;
const EARLIER_USER_TURNS = 2;

/**
 * Builds the text the embedder and lexical features see. Long pasted documents usually put the instruction at the
 * start or the end, so a long latest turn keeps its head and tail; the system prompt and the two previous user
 * turns add context for short follow-ups ("now do the same for the other file").
 */
export function describeTask(messages: readonly DescribableMessage[]): TaskDescription {
  // Only the last few user turns are read, so a conversation of thousands of messages costs no more than a short one.
  const userMessages = messages.filter((message) => message.role === 'user').slice(-(EARLIER_USER_TURNS + 1));
  const latestMessage = userMessages.at(-1) ?? messages.at(-1);
  const latest = textOf(latestMessage?.content);
  const system = headOf(
    messages
      .filter((message) => message.role === 'system' || message.role === 'developer')
      .map((message) => headOf(textOf(message.content), SYSTEM_PROMPT_HEAD))
      .join('\n'),
    SYSTEM_PROMPT_HEAD,
  );
  const earlier = userMessages.slice(0, -1).map((message) => headOf(textOf(message.content), EARLIER_TURN_HEAD));

  const parts = [headAndTail(latest, LATEST_TURN_HEAD, LATEST_TURN_TAIL)];
  if (system) parts.push(system);
  parts.push(...earlier);
  return { text: parts.join('\n\n'), latestTurnCharacters: latest.length, messageCount: messages.length };
}

/** Text of an OpenAI message content: a string, or the text parts of an array. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function headOf(text: string, characters: number): string {
  return text.length <= characters ? text : text.slice(0, characters);
}

function headAndTail(text: string, head: number, tail: number): string {
  return text.length <= head + tail ? text : `${text.slice(0, head)}\n…\n${text.slice(-tail)}`;
}
