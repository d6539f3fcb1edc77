import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadPublicExamples, type PublicExample } from '@routewise/classifier';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';
import { PUBLIC_SOURCE_CAP } from '../src/sources/public-sources';

const DATA = process.env.ROUTEWISE_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data');

/** The documented cap per public set (public-sources.ts); the sets below that exceed it check it is applied. */
const CAP = 400;

/**
 * The expected mapping, written from ../shared/docs/taxonomy.md (and, for the three sets it does not list, the
 * loader's documentation), and checked against the raw files read here without the loader.
 */
const VICUNA: Record<string, TaskLabel | undefined> = {
  writing: 'creative',
  coding: 'code',
  math: 'reasoning',
  fermi: 'reasoning',
  generic: 'chat',
  knowledge: 'chat',
  'common-sense': 'chat',
  roleplay: 'chat',
};
const MMLU_MATH = ['abstract_algebra', 'college_mathematics', 'elementary_mathematics', 'high_school_mathematics', 'high_school_statistics'];
const MMLU_EXCLUDED = [
  'college_chemistry',
  'high_school_chemistry',
  'college_physics',
  'high_school_physics',
  'college_computer_science',
  'high_school_computer_science',
  'machine_learning',
  'electrical_engineering',
  'professional_accounting',
  'formal_logic',
  'econometrics',
  'moral_scenarios',
];

const read = (...parts: string[]) => readFileSync(path.join(DATA, ...parts), 'utf8');
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** RFC 4180 records (quoted fields, "" escapes, newlines inside quotes), keyed by the header row. */
function csvRecords(text: string): Record<string, string>[] {
  const field = /(?:"((?:[^"]|"")*)"|([^,\r\n"]*))(,|\r\n|\n|\r|$)/y;
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  while (position < text.length) {
    field.lastIndex = position;
    const match = field.exec(text);
    if (!match) throw new Error(`malformed CSV at character ${position}`);
    row.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!);
    position = field.lastIndex;
    if (match[3] !== ',') {
      rows.push(row);
      row = [];
      if (match[3] === '') break;
    }
  }
  const [header, ...body] = rows;
  return body.filter((cells) => cells.length > 1 || cells[0] !== '').map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ''])));
}

/** The string inside RouterBench's `['...']`, unescaped. */
function unwrapPythonList(literal: string): string {
  const trimmed = literal.trim();
  const quote = trimmed[1];
  expect(trimmed.startsWith(`[${quote}`) && trimmed.endsWith(`${quote}]`)).toBe(true);
  return trimmed.slice(2, -2).replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped));
}

const textOf = (example: PublicExample) => example.messages[0]!.content as string;
const labelsOf = (examples: readonly PublicExample[]) => [...new Set(examples.map((example) => example.label))].sort();

describe('loadPublicExamples on ../shared/data', () => {
  let examples: PublicExample[];
  let bySource: Map<string, PublicExample[]>;

  // Reading every set takes several seconds (more on a busy CI machine).
  beforeAll(() => {
    if (!existsSync(DATA)) throw new Error(`the shared data is missing at ${DATA} (set ROUTEWISE_SHARED_DATA)`);
    examples = loadPublicExamples(DATA);
    bySource = new Map();
    for (const example of examples) bySource.set(example.source, [...(bySource.get(example.source) ?? []), example]);
  }, 120_000);

  const of = (source: string) => bySource.get(source) ?? [];

  it('reads every public set, each as one user message with a label of the taxonomy', () => {
    expect([...bySource.keys()].sort()).toEqual(
      ['arc_challenge', 'arena_hard', 'awesome_chatgpt_prompts', 'gsm8k', 'humaneval', 'math500', 'mbpp', 'mmlu', 'self_instruct', 'simpleqa250', 'vicuna_bench'].sort(),
    );
    for (const example of examples) {
      expect(TASK_LABELS).toContain(example.label);
      expect(example.messages).toHaveLength(1);
      expect(example.messages[0]).toMatchObject({ role: 'user' });
      expect(textOf(example).trim()).not.toBe('');
      expect(example.id.startsWith(`${example.source}:`)).toBe(true);
      expect(example.accepted[0]).toBe(example.label);
    }
    expect(new Set(examples.map((example) => example.id)).size).toBe(examples.length);
    // Nothing in the public sets is mapped to summarize, or to code_hard as the one right answer.
    expect(labelsOf(examples)).toEqual(['chat', 'classify', 'code', 'creative', 'reasoning']);
  });

  it('keeps every set within the per-source cap', () => {
    expect(PUBLIC_SOURCE_CAP).toBe(CAP);
    for (const [source, group] of bySource) expect({ source, count: group.length, withinCap: group.length <= CAP }).toMatchObject({ source, withinCap: true });
  });

  it('gsm8k: every question, reasoning only, capped (counted from the raw file)', () => {
    const questions = jsonLines(read('gsm8k/test.jsonl')).map((row) => row['question'] as string);
    expect(questions).toHaveLength(1319);
    expect(of('gsm8k')).toHaveLength(Math.min(new Set(questions).size, CAP));
    expect(labelsOf(of('gsm8k'))).toEqual(['reasoning']);
    const raw = new Set(questions);
    for (const example of of('gsm8k')) expect(raw.has(textOf(example))).toBe(true);
  });

  it('math500: problems, reasoning only, capped', () => {
    const problems = new Set(jsonLines(read('math500/test_ori.jsonl')).map((row) => row['problem'] as string));
    expect(of('math500')).toHaveLength(Math.min(problems.size, CAP));
    expect(labelsOf(of('math500'))).toEqual(['reasoning']);
    for (const example of of('math500')) expect(problems.has(textOf(example))).toBe(true);
  });

  it('humaneval: all 164 prompts, code only', () => {
    const prompts = gunzipSync(readFileSync(path.join(DATA, 'humaneval/HumanEval.jsonl.gz')))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { prompt: string }).prompt);
    expect(prompts).toHaveLength(164);
    expect(of('humaneval').map(textOf).sort()).toEqual([...new Set(prompts)].sort());
    expect(labelsOf(of('humaneval'))).toEqual(['code']);
  });

  it('mbpp: every task statement, unwrapped from its Python list, code only', () => {
    const prompts = csvRecords(read('routerbench_train/datasets__routerbench_zs__mbpp_train.csv')).map((row) => unwrapPythonList(row['prompt']!));
    expect(prompts.length).toBeGreaterThan(200);
    expect(new Set(prompts).size).toBeLessThanOrEqual(CAP);
    expect(of('mbpp').map(textOf).sort()).toEqual([...new Set(prompts)].sort());
    expect(labelsOf(of('mbpp'))).toEqual(['code']);
    expect(of('mbpp').map(textOf)).toContain('Write a function to find the intersection of two arrays.');
  });

  it('simpleqa250: all 250 questions, chat only', () => {
    const prompts = jsonLines(read('simpleqa250_fastchat_eval/simple_qa_250.jsonl')).map((row) => row['prompt'] as string);
    expect(prompts).toHaveLength(250);
    expect(of('simpleqa250').map(textOf).sort()).toEqual([...new Set(prompts)].sort());
    expect(labelsOf(of('simpleqa250'))).toEqual(['chat']);
  });

  it('self_instruct: classify only, and only from is_classification rows (each of them once)', () => {
    const rows = jsonLines(read('self_instruct_seed/seed_tasks.jsonl')) as Array<{ instruction: string; is_classification: boolean }>;
    const classification = rows.filter((row) => row.is_classification === true);
    expect(classification.length).toBeGreaterThan(10);
    expect(classification.length).toBeLessThan(rows.length);
    const group = of('self_instruct');
    expect(labelsOf(group)).toEqual(['classify']);
    expect(group).toHaveLength(classification.length);
    const matched = group.map((example) => {
      // The row whose instruction the prompt starts with (the longest, should one instruction prefix another).
      const candidates = rows.filter((row) => textOf(example).startsWith(row.instruction)).sort((a, b) => b.instruction.length - a.instruction.length);
      expect(candidates.length).toBeGreaterThan(0);
      return candidates[0]!;
    });
    for (const row of matched) expect(row.is_classification).toBe(true);
    expect(new Set(matched).size).toBe(classification.length);
  });

  it('awesome_chatgpt_prompts: chat only, and only TEXT persona ("act as") prompts', () => {
    const records = csvRecords(read('awesome_chatgpt_prompts/prompts.csv'));
    const personas = new Set(records.filter((row) => row['type'] === 'TEXT' && /\bact as\b/i.test(row['prompt']!)).map((row) => row['prompt']!));
    const others = new Set(records.filter((row) => !personas.has(row['prompt']!)).map((row) => row['prompt']!));
    expect(others.size).toBeGreaterThan(100);
    const group = of('awesome_chatgpt_prompts');
    expect(labelsOf(group)).toEqual(['chat']);
    expect(group).toHaveLength(Math.min(personas.size, CAP));
    for (const example of group) {
      expect(personas.has(textOf(example))).toBe(true);
      expect(others.has(textOf(example))).toBe(false);
    }
  });

  it('vicuna_bench: writing → creative, coding → code, math/fermi → reasoning, generic/knowledge/common-sense/roleplay → chat; others left out', () => {
    const rows = jsonLines(read('vicuna_bench/question.jsonl')) as Array<{ category: string; turns: string[] }>;
    const categoryOf = new Map(rows.map((row) => [row.turns[0]!, row.category]));
    const group = of('vicuna_bench');
    for (const example of group) {
      const category = categoryOf.get(textOf(example));
      expect(category).toBeDefined();
      expect({ category, label: example.label }).toEqual({ category, label: VICUNA[category!] });
    }
    // Every mapped question is there; counterfactual (and any other category) is not.
    expect(group).toHaveLength(rows.filter((row) => VICUNA[row.category] !== undefined).length);
    expect(rows.some((row) => row.category === 'counterfactual')).toBe(true);
    expect(labelsOf(group)).toEqual(['chat', 'code', 'creative', 'reasoning']);
    expect(group.find((example) => textOf(example) === 'How can I improve my time management skills?')?.label).toBe('chat');
  });

  it('arena_hard (v2.0): creative_writing → creative, coding → code (code_hard also right), math → reasoning', () => {
    const rows = jsonLines(read('arena_hard/data__arena-hard-v2.0__question.jsonl')) as Array<{ category: string; subcategory: string; prompt: string }>;
    const expected = new Map<string, TaskLabel>();
    for (const row of rows) {
      if (row.category === 'creative_writing') expected.set(row.prompt, 'creative');
      else if (row.category === 'hard_prompt' && row.subcategory === 'coding') expected.set(row.prompt, 'code');
      else if (row.category === 'hard_prompt' && row.subcategory === 'math') expected.set(row.prompt, 'reasoning');
    }
    const group = of('arena_hard');
    expect(group).toHaveLength(Math.min(expected.size, CAP));
    expect(labelsOf(group)).toEqual(['code', 'creative', 'reasoning']);
    for (const example of group) {
      expect(example.label).toBe(expected.get(textOf(example)));
      expect(example.accepted).toEqual(example.label === 'code' ? ['code', 'code_hard'] : [example.label]);
    }
  });

  it('arc_challenge: chat only, the question asked without the few-shot examples before it', () => {
    const asked = new Set(
      csvRecords(read('routerbench_train/datasets__routerbench_zs__arc_challenge_train.csv')).map((row) => {
        const blocks = unwrapPythonList(row['prompt']!).split('\n\n');
        return blocks.filter((block) => block.trim() !== '').at(-1)!;
      }),
    );
    const group = of('arc_challenge');
    expect(group).toHaveLength(Math.min(asked.size, CAP));
    expect(labelsOf(group)).toEqual(['chat']);
    for (const example of group) {
      const text = textOf(example);
      expect(asked.has(text)).toBe(true);
      // One question: one "Answer:" (the one to fill in), at the end.
      expect(text.split('Answer:')).toHaveLength(2);
      expect(text.trimEnd().endsWith('Answer:')).toBe(true);
    }
  });

  it('mmlu: math subjects reasoning, other subjects chat, excluded subjects absent', () => {
    const directory = path.join(DATA, 'routellm_outcomes/mmlu_responses');
    const subjectsOf = new Map<string, Set<string>>();
    const files = readdirSync(directory).filter((name) => name.endsWith('.csv'));
    for (const name of files) {
      const subject = name.replace(/^mmlu_/, '').replace(/\.csv$/, '');
      for (const row of csvRecords(readFileSync(path.join(directory, name), 'utf8'))) {
        subjectsOf.set(row['prompt']!, (subjectsOf.get(row['prompt']!) ?? new Set()).add(subject));
      }
    }
    for (const subject of [...MMLU_MATH, ...MMLU_EXCLUDED]) expect(files).toContain(`mmlu_${subject}.csv`);
    const group = of('mmlu');
    expect(group).toHaveLength(CAP);
    expect(labelsOf(group)).toEqual(['chat', 'reasoning']);
    const seenSubjects = new Set<string>();
    for (const example of group) {
      const subjects = [...(subjectsOf.get(textOf(example)) ?? [])];
      expect(subjects.length).toBeGreaterThan(0);
      for (const subject of subjects) {
        expect(MMLU_EXCLUDED).not.toContain(subject);
        expect({ subject, label: example.label }).toEqual({ subject, label: MMLU_MATH.includes(subject) ? 'reasoning' : 'chat' });
        seenSubjects.add(subject);
      }
    }
    // A sample across subjects, not the first few files.
    expect(seenSubjects.size).toBeGreaterThan(30);
  });

  it('takes no prompt from a set it does not map (arena_hard v0.1, winogrande)', () => {
    const texts = new Set(examples.map(textOf));
    const v2 = new Set(jsonLines(read('arena_hard/data__arena-hard-v2.0__question.jsonl')).map((row) => row['prompt'] as string));
    const v01Only = jsonLines(read('arena_hard/data__arena-hard-v0.1__question.jsonl'))
      .map((row) => row['prompt'])
      .filter((prompt): prompt is string => typeof prompt === 'string' && !v2.has(prompt));
    expect(v01Only.length).toBeGreaterThan(100);
    for (const prompt of v01Only) expect(texts.has(prompt)).toBe(false);
    const winogrande = csvRecords(read('routerbench_train/datasets__routerbench_zs__winograde_train.csv')).map((row) => unwrapPythonList(row['prompt']!));
    for (const prompt of winogrande) expect(texts.has(prompt)).toBe(false);
  });
});

describe('loadPublicExamples on a folder of its own', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'routewise-public-sources-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('returns [] for a missing directory', () => {
    expect(loadPublicExamples(path.join(directory, 'does-not-exist'))).toEqual([]);
  });

  it('caps each set at the cap asked for, by a fixed sample', () => {
    mkdirSync(path.join(directory, 'gsm8k'));
    const questions = Array.from({ length: 9 }, (_, index) => `Question ${index}: what is ${index} plus ${index + 1}?`);
    writeFileSync(path.join(directory, 'gsm8k/test.jsonl'), questions.map((question) => JSON.stringify({ question })).join('\n'));
    const capped = loadPublicExamples(directory, { cap: 4 });
    expect(capped).toHaveLength(4);
    for (const example of capped) expect(questions).toContain(textOf(example));
    expect(loadPublicExamples(directory, { cap: 4 }).map((example) => example.id)).toEqual(capped.map((example) => example.id));
    expect(loadPublicExamples(directory)).toHaveLength(9);
  });

  it('reads only the sets present, once per distinct prompt, skipping empty and unmapped ones', () => {
    mkdirSync(path.join(directory, 'gsm8k'));
    writeFileSync(
      path.join(directory, 'gsm8k/test.jsonl'),
      [{ question: 'Tom has 3 apples and buys 4 more. How many now?' }, { question: '   ' }, { question: 'Tom has 3 apples and buys 4 more. How many now?' }, { question: 'A bus leaves at 9...' }]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    mkdirSync(path.join(directory, 'vicuna_bench'));
    writeFileSync(
      path.join(directory, 'vicuna_bench/question.jsonl'),
      [
        { question_id: 1, category: 'counterfactual', turns: ['What if the internet had never been invented?'] },
        { question_id: 2, category: 'roleplay', turns: ['Pretend to be a pirate captain greeting the crew.'] },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    const loaded = loadPublicExamples(directory);
    expect(loaded.map((example) => [example.source, example.label, textOf(example)]).sort()).toEqual([
      ['gsm8k', 'reasoning', 'A bus leaves at 9...'],
      ['gsm8k', 'reasoning', 'Tom has 3 apples and buys 4 more. How many now?'],
      ['vicuna_bench', 'chat', 'Pretend to be a pirate captain greeting the crew.'],
    ]);
  });
});
