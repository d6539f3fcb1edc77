import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from '../start-test-router';

/** The public prompt sets shared by the workspace; read where they lie, never copied into the repo. */
export const SHARED_DATA_DIRECTORY = path.resolve(REPO_ROOT, '../shared/data');

interface PromptSource {
  file: string;
  /** The prompt in one parsed JSON line. */
  prompt: (line: Record<string, unknown>) => unknown;
}

const SOURCES: readonly PromptSource[] = [
  { file: 'vicuna_bench/question.jsonl', prompt: (line) => (line['turns'] as unknown[] | undefined)?.[0] },
  { file: 'gsm8k/test.jsonl', prompt: (line) => line['question'] },
  { file: 'arena_hard/data__arena-hard-v0.1__question.jsonl', prompt: (line) => line['prompt'] },
  { file: 'self_instruct_seed/seed_tasks.jsonl', prompt: (line) => line['instruction'] },
  { file: 'humaneval/HumanEval.jsonl.gz', prompt: (line) => line['prompt'] },
];

/** Used only when the shared data folder is missing, so the fuzz still has ordinary prompts to mutate. */
const STAND_IN_PROMPTS = ['Write a Python function that merges two sorted lists.', 'What is 17 * 23?', 'Summarize the plot of Hamlet in two sentences.'];

export interface RealPrompts {
  prompts: readonly string[];
  /** Which files they came from, for the report. */
  sources: readonly string[];
}

/** Up to `perSource` prompts from each set, spread over the file (every n-th line), the same ones on every run. */
export function readRealPrompts(perSource = 25, directory = SHARED_DATA_DIRECTORY): RealPrompts {
  const prompts: string[] = [];
  const sources: string[] = [];
  for (const source of SOURCES) {
    const file = path.join(directory, source.file);
    if (!existsSync(file)) continue;
    const raw = readFileSync(file);
    const lines = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter((line) => line.trim() !== '');
    const step = Math.max(1, Math.floor(lines.length / perSource));
    let taken = 0;
    for (let index = 0; index < lines.length && taken < perSource; index += step) {
      const prompt = source.prompt(JSON.parse(lines[index]!) as Record<string, unknown>);
      if (typeof prompt === 'string' && prompt.trim() !== '') {
        prompts.push(prompt);
        taken += 1;
      }
    }
    if (taken > 0) sources.push(`${source.file} (${taken})`);
  }
  return prompts.length > 0 ? { prompts, sources } : { prompts: STAND_IN_PROMPTS, sources: [`none found under ${directory}: ${STAND_IN_PROMPTS.length} stand-in prompts`] };
}
