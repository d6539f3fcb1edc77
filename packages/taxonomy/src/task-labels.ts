/** The seven task types. They are public API (headers, /v1/route, feedback corrections): keep the exact strings. */
export const TASK_LABELS = ['classify', 'chat', 'code', 'code_hard', 'summarize', 'creative', 'reasoning'] as const;

export type TaskLabel = (typeof TASK_LABELS)[number];

export function isTaskLabel(value: unknown): value is TaskLabel {
  return typeof value === 'string' && (TASK_LABELS as readonly string[]).includes(value);
}

/** One-line definitions, used in docs, error messages and the fallback LLM's prompt. */
export const TASK_DEFINITIONS: Readonly<Record<TaskLabel, string>> = Object.freeze({
  classify:
    'labeling, tagging, sentiment, intent, sorting into given categories, or extracting fields, entities or JSON from a given text',
  chat: 'conversational turns, short factual or how-to questions, advice, explanations of general knowledge, role-play persona chat',
  code: 'writing, fixing, explaining or reviewing code of bounded scope: a function, a snippet, a query, a regex, a config',
  code_hard:
    'multi-file or architecture-level software work: refactors across modules, codebase migrations, system design, debugging with a lot of code context',
  summarize:
    'condensing or analyzing a provided document: summaries, key points, answering questions from a given passage, comparing given texts',
  creative:
    'writing with a voice and drafting: stories, poems, emails, memos, marketing copy, brainstorming lists of ideas, rewriting in a style',
  reasoning:
    'math word problems, proofs, logic puzzles, multi-step quantitative or planning problems where careful step-by-step thinking decides correctness',
});
