import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { TaskLabel } from '@routewise/taxonomy';
import { parseCsvRecords } from './csv-records';

/** One public prompt with its task under the taxonomy page's mapping. `accepted` lists other right answers. */
export interface EvaluationPrompt {
  source: string;
  prompt: string;
  label: TaskLabel;
  accepted: TaskLabel[];
  split: 'validation' | 'test';
}

/** `../shared/data` beside the repo, or ROUTEWISE_SHARED_DATA. Read in place, never copied. */
export function sharedDataDirectory(): string {
  return process.env['ROUTEWISE_SHARED_DATA'] ?? path.resolve(__dirname, '../../../../shared/data');
}

const VALIDATION_SHARE = 0.25;

/**
 * The public sets mapped onto the taxonomy exactly as docs/taxonomy.md says; prompts without a clear mapping are
 * left out. Each prompt lands deterministically in `validation` (25%, used to choose the threshold and features) or
 * `test` (75%, the reported numbers). None of it is ever used for training.
 */
export function loadPublicEvaluationSets(directory = sharedDataDirectory()): EvaluationPrompt[] {
  if (!existsSync(directory)) throw new Error(`public datasets not found at ${directory} (set ROUTEWISE_SHARED_DATA)`);
  const file = (...parts: string[]) => path.join(directory, ...parts);
  const jsonl = (name: string) => readFileSync(file(name), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const prompts: Omit<EvaluationPrompt, 'split'>[] = [];
  const add = (source: string, prompt: unknown, label: TaskLabel, accepted: TaskLabel[] = []) => {
    if (typeof prompt === 'string' && prompt.trim() !== '') prompts.push({ source, prompt, label, accepted: [label, ...accepted] });
  };

  for (const row of jsonl('arena_hard/data__arena-hard-v2.0__question.jsonl')) {
    if (row['category'] === 'creative_writing') add('arena_hard_v2/creative_writing', row['prompt'], 'creative');
    else if (row['subcategory'] === 'coding') add('arena_hard_v2/coding', row['prompt'], 'code', ['code_hard']);
    else if (row['subcategory'] === 'math') add('arena_hard_v2/math', row['prompt'], 'reasoning');
  }
  const vicuna: Record<string, TaskLabel> = { writing: 'creative', coding: 'code', math: 'reasoning', fermi: 'reasoning', generic: 'chat', knowledge: 'chat', 'common-sense': 'chat', roleplay: 'chat' };
  for (const row of jsonl('vicuna_bench/question.jsonl')) {
    const label = vicuna[String(row['category'])];
    if (label) add(`vicuna_bench/${String(row['category'])}`, (row['turns'] as string[])[0], label);
  }
  for (const row of jsonl('gsm8k/test.jsonl')) add('gsm8k', row['question'], 'reasoning');
  for (const row of jsonl('math500/test_ori.jsonl')) add('math500', row['problem'], 'reasoning');
  for (const line of gunzipSync(readFileSync(file('humaneval/HumanEval.jsonl.gz'))).toString('utf8').split('\n')) {
    if (line.trim() !== '') add('humaneval', (JSON.parse(line) as Record<string, unknown>)['prompt'], 'code');
  }
  for (const row of jsonl('simpleqa250_fastchat_eval/simple_qa_250.jsonl')) add('simpleqa250', row['prompt'], 'chat');
  for (const row of jsonl('self_instruct_seed/seed_tasks.jsonl')) {
    if (row['is_classification'] !== true) continue;
    const input = ((row['instances'] as { input?: string }[])[0]?.input ?? '').trim();
    add('self_instruct/classification', input ? `${String(row['instruction'])}\n\n${input}` : row['instruction'], 'classify');
  }
  for (const row of parseCsvRecords(readFileSync(file('awesome_chatgpt_prompts/prompts.csv'), 'utf8'))) {
    if (row['type'] === 'TEXT' && /\bact as\b/i.test(row['prompt'] ?? '')) add('awesome_chatgpt_prompts/persona', row['prompt'], 'chat');
  }
  return prompts.map((prompt) => ({ ...prompt, split: splitOf(prompt.source, prompt.prompt) }));
}

function splitOf(source: string, prompt: string): 'validation' | 'test' {
  const bucket = createHash('sha256').update(source).update('\0').update(prompt).digest().readUInt32BE(0) / 0x1_0000_0000;
  return bucket < VALIDATION_SHARE ? 'validation' : 'test';
}
