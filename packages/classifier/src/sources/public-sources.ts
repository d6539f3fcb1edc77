import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { TaskLabel } from '@routewise/taxonomy';
import type { LabeledExample } from '../labeled-example';
import { parseCsvRecords } from './csv-records';

export { OWN_PROMPTS_SOURCE } from './own-prompts-source';

/** A public prompt under the taxonomy's mapping; `accepted` lists every label counted right for it. */
export interface PublicExample extends LabeledExample {
  source: string;
  accepted: TaskLabel[];
}

const VICUNA_LABELS: Record<string, TaskLabel> = { writing: 'creative', coding: 'code', math: 'reasoning', fermi: 'reasoning', generic: 'chat', knowledge: 'chat', 'common-sense': 'chat', roleplay: 'chat' };

/**
 * MMLU subjects whose questions are knowledge (chat) or calculation (reasoning). Subjects mixing both, or holding
 * code (chemistry, physics, computer science, accounting, formal logic, econometrics, moral scenarios), are left out.
 */
const MMLU_REASONING = ['abstract_algebra', 'college_mathematics', 'elementary_mathematics', 'high_school_mathematics', 'high_school_statistics'];
const MMLU_EXCLUDED = ['college_chemistry', 'high_school_chemistry', 'college_physics', 'high_school_physics', 'college_computer_science', 'high_school_computer_science', 'machine_learning', 'electrical_engineering', 'professional_accounting', 'formal_logic', 'econometrics', 'moral_scenarios'];
/** MMLU has 14k questions in one format; this many per subject keep it from outweighing every other source. */
const MMLU_PER_SUBJECT = 25;
/**
 * At most this many prompts per public set (a fixed sample by content hash): a set of a thousand prompts in one
 * format teaches that format, not the task, and costs training time; the project's own prompts are all kept.
 */
export const PUBLIC_SOURCE_CAP = 400;

/**
 * Every labeled public set in `directory` (normally ../shared/data), mapped onto the taxonomy as
 * ../shared/docs/taxonomy.md says, plus three sets the taxonomy page does not list whose mapping is just as clear:
 * MBPP (code), ARC-Challenge (science knowledge, chat) and the MMLU subjects above. Read in place, never copied.
 * Prompts without a clear mapping are left out; each set is capped at `cap` prompts (default PUBLIC_SOURCE_CAP).
 * Returns [] when the directory does not exist.
 */
export function loadPublicExamples(directory: string, options: { cap?: number } = {}): PublicExample[] {
  const cap = options.cap ?? PUBLIC_SOURCE_CAP;
  if (!existsSync(directory)) return [];
  const file = (...parts: string[]) => path.join(directory, ...parts);
  const present = (...parts: string[]) => existsSync(file(...parts));
  const jsonl = (name: string) => readFileSync(file(name), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const csv = (name: string) => parseCsvRecords(readFileSync(file(name), 'utf8'));
  const examples: PublicExample[] = [];
  const seen = new Set<string>();
  const add = (source: string, prompt: unknown, label: TaskLabel, accepted: TaskLabel[] = []) => {
    if (typeof prompt !== 'string' || prompt.trim() === '') return;
    const id = `${source}:${createHash('sha256').update(prompt).digest('hex').slice(0, 16)}`;
    if (seen.has(id)) return;
    seen.add(id);
    examples.push({ id, source, label, accepted: [label, ...accepted], messages: [{ role: 'user', content: prompt }] });
  };

  if (present('arena_hard/data__arena-hard-v2.0__question.jsonl')) {
    for (const row of jsonl('arena_hard/data__arena-hard-v2.0__question.jsonl')) {
      if (row['category'] === 'creative_writing') add('arena_hard', row['prompt'], 'creative');
      else if (row['subcategory'] === 'coding') add('arena_hard', row['prompt'], 'code', ['code_hard']);
      else if (row['subcategory'] === 'math') add('arena_hard', row['prompt'], 'reasoning');
    }
  }
  if (present('vicuna_bench/question.jsonl')) {
    for (const row of jsonl('vicuna_bench/question.jsonl')) {
      const label = VICUNA_LABELS[String(row['category'])];
      if (label) add('vicuna_bench', (row['turns'] as string[])[0], label);
    }
  }
  if (present('gsm8k/test.jsonl')) for (const row of jsonl('gsm8k/test.jsonl')) add('gsm8k', row['question'], 'reasoning');
  if (present('math500/test_ori.jsonl')) for (const row of jsonl('math500/test_ori.jsonl')) add('math500', row['problem'], 'reasoning');
  if (present('humaneval/HumanEval.jsonl.gz')) {
    for (const line of gunzipSync(readFileSync(file('humaneval/HumanEval.jsonl.gz'))).toString('utf8').split('\n')) {
      if (line.trim() !== '') add('humaneval', (JSON.parse(line) as Record<string, unknown>)['prompt'], 'code');
    }
  }
  if (present('simpleqa250_fastchat_eval/simple_qa_250.jsonl')) for (const row of jsonl('simpleqa250_fastchat_eval/simple_qa_250.jsonl')) add('simpleqa250', row['prompt'], 'chat');
  if (present('self_instruct_seed/seed_tasks.jsonl')) {
    for (const row of jsonl('self_instruct_seed/seed_tasks.jsonl')) {
      if (row['is_classification'] !== true) continue;
      const input = ((row['instances'] as { input?: string }[])[0]?.input ?? '').trim();
      add('self_instruct', input ? `${String(row['instruction'])}\n\n${input}` : row['instruction'], 'classify');
    }
  }
  if (present('awesome_chatgpt_prompts/prompts.csv')) {
    for (const row of csv('awesome_chatgpt_prompts/prompts.csv')) {
      if (row['type'] === 'TEXT' && /\bact as\b/i.test(row['prompt'] ?? '')) add('awesome_chatgpt_prompts', row['prompt'], 'chat');
    }
  }
  if (present('routerbench_train/datasets__routerbench_zs__mbpp_train.csv')) {
    for (const row of csv('routerbench_train/datasets__routerbench_zs__mbpp_train.csv')) add('mbpp', pythonListText(row['prompt'] ?? ''), 'code');
  }
  if (present('routerbench_train/datasets__routerbench_zs__arc_challenge_train.csv')) {
    for (const row of csv('routerbench_train/datasets__routerbench_zs__arc_challenge_train.csv')) add('arc_challenge', lastFewShotQuestion(pythonListText(row['prompt'] ?? '')), 'chat');
  }
  if (present('routellm_outcomes/mmlu_responses')) {
    for (const name of readdirSync(file('routellm_outcomes/mmlu_responses')).filter((entry) => entry.endsWith('.csv')).sort()) {
      const subject = name.replace(/^mmlu_/, '').replace(/\.csv$/, '');
      if (MMLU_EXCLUDED.includes(subject)) continue;
      const label: TaskLabel = MMLU_REASONING.includes(subject) ? 'reasoning' : 'chat';
      const prompts = csv(`routellm_outcomes/mmlu_responses/${name}`).map((row) => row['prompt'] ?? '');
      for (const prompt of sampleByHash(prompts, MMLU_PER_SUBJECT)) add('mmlu', prompt, label);
    }
  }
  const bySource = new Map<string, PublicExample[]>();
  for (const example of examples) bySource.set(example.source, [...(bySource.get(example.source) ?? []), example]);
  return [...bySource.values()].flatMap((group) => {
    if (group.length <= cap) return group;
    const kept = new Set(sampleByHash(group.map((example) => example.id), cap));
    return group.filter((example) => kept.has(example.id));
  });
}

/** Bump when the mapping above changes, so cached seed classifiers are retrained. */
export const PUBLIC_MAPPING_VERSION = 1;

/** The files `loadPublicExamples` reads (those present), relative to the directory, in a fixed order. */
export function publicSourceFiles(directory: string): string[] {
  const fixed = [
    'arena_hard/data__arena-hard-v2.0__question.jsonl',
    'vicuna_bench/question.jsonl',
    'gsm8k/test.jsonl',
    'math500/test_ori.jsonl',
    'humaneval/HumanEval.jsonl.gz',
    'simpleqa250_fastchat_eval/simple_qa_250.jsonl',
    'self_instruct_seed/seed_tasks.jsonl',
    'awesome_chatgpt_prompts/prompts.csv',
    'routerbench_train/datasets__routerbench_zs__mbpp_train.csv',
    'routerbench_train/datasets__routerbench_zs__arc_challenge_train.csv',
  ];
  const mmlu = path.join(directory, 'routellm_outcomes/mmlu_responses');
  const mmluFiles = existsSync(mmlu) ? readdirSync(mmlu).filter((name) => name.endsWith('.csv')).sort().map((name) => `routellm_outcomes/mmlu_responses/${name}`) : [];
  return [...fixed, ...mmluFiles].filter((file) => existsSync(path.join(directory, file)));
}

/** RouterBench stores each prompt as a Python list literal of one string: `['...']`. */
function pythonListText(literal: string): string {
  const match = /^\[\s*(['"])([\s\S]*)\1\s*\]$/.exec(literal.trim());
  if (!match) return literal;
  return match[2]!.replace(/\\(n|t|'|"|\\)/g, (_, escaped: string) => ({ n: '\n', t: '\t' })[escaped] ?? escaped);
}

/** ARC prompts in RouterBench are few-shot: worked questions, then the one asked. Keep the one asked. */
function lastFewShotQuestion(prompt: string): string {
  const blocks = prompt.split(/\n\s*\n/).filter((block) => block.trim() !== '');
  return blocks.at(-1) ?? prompt;
}

/** A fixed, content-determined sample: the `count` prompts with the smallest hashes. */
function sampleByHash(prompts: readonly string[], count: number): string[] {
  return prompts
    .map((prompt) => ({ prompt, key: createHash('sha256').update(prompt).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .slice(0, count)
    .map((item) => item.prompt);
}
