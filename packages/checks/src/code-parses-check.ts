import type { AnswerCheck, CheckContext, CheckResult } from './answer-check';
import { answerText } from './answer-message';
import { findCodeBlocks, type CodeBlock } from './code-blocks';
import { checkPythonSyntax, type PythonSyntaxOptions } from './python-syntax';
import { checkScriptSyntax, type ScriptFlavor } from './typescript-syntax';

export interface CodeParsesCheckOptions {
  python?: PythonSyntaxOptions;
}

/** Info-string words, as models write them, for the languages this check parses. */
const SCRIPT_LANGUAGES: ReadonlyMap<string, readonly ScriptFlavor[]> = new Map(Object.entries({
  // Models label generic arrow functions (`<T,>(x: T) => x`) and JSX loosely: either TypeScript reading will do.
  ts: ['ts', 'tsx'],
  typescript: ['ts', 'tsx'],
  tsx: ['tsx', 'ts'],
  mts: ['ts'],
  cts: ['ts'],
  js: ['js'],
  javascript: ['js'],
  jsx: ['jsx'],
  mjs: ['js'],
  cjs: ['js'],
  node: ['js'],
} satisfies Record<string, readonly ScriptFlavor[]>));
const PYTHON_LANGUAGES = new Set(['python', 'python3', 'py', 'py3']);
const JSON_LANGUAGES = new Set(['json']);

type BlockOutcome = { kind: 'parses' } | { kind: 'fails'; reason: string } | { kind: 'skipped'; reason: string };

/**
 * `code_parses`: every fenced block labeled TypeScript/JavaScript (TypeScript compiler API), JSON (`JSON.parse`) or
 * Python (`ast.parse` in a `python3` child process) must parse. Nothing is type-checked or executed. Unlabeled and
 * other-language blocks pass unchecked; so do Python blocks when `python3` is missing or too slow, and Python
 * console sessions (`>>>` prompts). The answer fails on the first block that does not parse.
 */
export class CodeParsesCheck implements AnswerCheck {
  readonly name = 'code_parses' as const;

  constructor(private readonly options: CodeParsesCheckOptions = {}) {}

  async run({ answer }: CheckContext): Promise<CheckResult> {
    const blocks = findCodeBlocks(answerText(answer));
    if (blocks.length === 0) return this.result(true, 'no code blocks');
    const local = blocks.map((block) => checkLocally(block));
    const firstLocalFailure = local.findIndex((outcome) => outcome !== 'python' && outcome.kind === 'fails');
    const pythonBlocks = blocks.filter((_, index) => local[index] === 'python' && (firstLocalFailure === -1 || index < firstLocalFailure));
    const python = await this.checkPython(pythonBlocks);

    const parsed: string[] = [];
    const skipped: string[] = [];
    for (const [index, block] of blocks.entries()) {
      const localOutcome = local[index];
      const outcome = localOutcome === 'python' || localOutcome === undefined ? python.get(block) : localOutcome;
      if (outcome === undefined) continue;
      if (outcome.kind === 'fails') return this.result(false, outcome.reason);
      if (outcome.kind === 'parses') parsed.push(label(block));
      else skipped.push(`${label(block)} ${outcome.reason}`);
    }
    const parts = [
      ...(parsed.length > 0 ? [`${parsed.length === 1 ? '1 block parses' : `${parsed.length} blocks parse`} (${parsed.join(', ')})`] : []),
      ...(skipped.length > 0 ? [`not checked: ${skipped.join('; ')}`] : []),
    ];
    return this.result(true, parts.join('; '));
  }

  /** All of an answer's Python blocks in one `python3` process. */
  private async checkPython(blocks: readonly CodeBlock[]): Promise<Map<CodeBlock, BlockOutcome>> {
    const outcomes = new Map<CodeBlock, BlockOutcome>();
    if (blocks.length === 0) return outcomes;
    const batch = await checkPythonSyntax(blocks.map((block) => block.code), this.options.python);
    for (const [index, block] of blocks.entries()) {
      const result = batch.checked ? batch.results[index] : undefined;
      if (!batch.checked) outcomes.set(block, { kind: 'skipped', reason: `(${batch.reason})` });
      else if (result === undefined || result.parses) outcomes.set(block, { kind: 'parses' });
      else {
        const where = result.line === null ? '' : `line ${result.line}: `;
        outcomes.set(block, { kind: 'fails', reason: `${block.language} block ${block.number} does not parse: ${where}${result.message}` });
      }
    }
    return outcomes;
  }

  private result(passed: boolean, reason: string): CheckResult {
    return { check: this.name, passed, reason, costUsd: 0 };
  }
}

/** Every block but Python's, which are parsed together afterwards. */
function checkLocally(block: CodeBlock): BlockOutcome | 'python' {
  const flavors = SCRIPT_LANGUAGES.get(block.language);
  if (flavors !== undefined) return checkScript(block, flavors);
  if (JSON_LANGUAGES.has(block.language)) return checkJson(block);
  if (PYTHON_LANGUAGES.has(block.language)) {
    if (/^\s*>>> /m.test(block.code)) return { kind: 'skipped', reason: '(a console session, not a program)' };
    return 'python';
  }
  return { kind: 'skipped', reason: block.language === '' ? '(unlabeled)' : '(language not checked)' };
}

function checkScript(block: CodeBlock, flavors: readonly ScriptFlavor[]): BlockOutcome {
  let firstFailure: BlockOutcome | undefined;
  for (const flavor of flavors) {
    const result = checkScriptSyntax(block.code, flavor);
    if (result.parses) return { kind: 'parses' };
    firstFailure ??= { kind: 'fails', reason: `${block.language} block ${block.number} does not parse: line ${result.line}: ${result.message}` };
  }
  return firstFailure ?? { kind: 'parses' };
}

function checkJson(block: CodeBlock): BlockOutcome {
  try {
    JSON.parse(block.code);
    return { kind: 'parses' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? '' : `line ${block.code.slice(0, Number(position)).split('\n').length}: `;
    return { kind: 'fails', reason: `json block ${block.number} does not parse: ${line}${message}` };
  }
}

function label(block: CodeBlock): string {
  return `${block.language === '' ? 'unlabeled' : block.language} block ${block.number}`;
}
