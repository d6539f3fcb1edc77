import { CodeParsesCheck, findCodeBlocks } from '../src/index';
import { runAnswerCheckContract } from './answer-check-contract';
import { contextWith, fenced } from './answers';

runAnswerCheckContract('code_parses', async () => ({ check: new CodeParsesCheck(), close: async () => undefined }));

describe('CodeParsesCheck', () => {
  const check = new CodeParsesCheck();

  async function run(content: string) {
    return check.run(contextWith({ content }));
  }

  it('passes an answer without code blocks', async () => {
    expect(await run('Use `Array.prototype.map` for that.')).toEqual({ check: 'code_parses', passed: true, reason: 'no code blocks', costUsd: 0 });
  });

  describe('TypeScript and JavaScript', () => {
    it('passes valid TypeScript without type-checking it', async () => {
      const code = 'interface User { id: number }\nexport function load(id: number): User {\n  return { id: "not a number" as unknown as number, missing: undeclared };\n}';
      expect(await run(fenced('typescript', code))).toMatchObject({ passed: true, reason: '1 block parses (typescript block 1)' });
    });

    it('fails a TypeScript syntax error with its line', async () => {
      const result = await run(fenced('ts', 'const a = 1;\nfunction broken( {\n  return a;\n}'));
      expect(result).toMatchObject({ passed: false });
      expect(result.reason).toMatch(/^ts block 1 does not parse: line \d: .+ expected\.$/);
    });

    it('passes valid JavaScript, JSX in a js block included', async () => {
      const code = "const items = [1, 2, 3].map((n) => n * 2);\nexport const App = () => <ul>{items.map((n) => <li key={n}>{n}</li>)}</ul>;\nawait Promise.resolve(items);";
      expect(await run(fenced('js', code))).toMatchObject({ passed: true });
      expect(await run(fenced('jsx', code))).toMatchObject({ passed: true });
    });

    it('fails TypeScript syntax in a JavaScript block', async () => {
      const result = await run(fenced('javascript', 'const total: number = 1;'));
      expect(result).toMatchObject({ passed: false, reason: 'javascript block 1 does not parse: line 1: Type annotations can only be used in TypeScript files.' });
    });

    it('accepts TSX in a ts block and generic arrows in a tsx block', async () => {
      expect(await run(fenced('ts', 'export const Button = () => <button>Go</button>;'))).toMatchObject({ passed: true });
      expect(await run(fenced('tsx', 'const identity = <T>(value: T): T => value;'))).toMatchObject({ passed: true });
    });

    it('never runs the code', async () => {
      const marker = `routewise_${Date.now()}`;
      await run(fenced('js', `globalThis.${marker} = true; process.exit(1);`));
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    });
  });

  describe('JSON', () => {
    it('passes valid JSON and fails invalid JSON with the line', async () => {
      expect(await run(fenced('json', '{\n  "a": [1, 2]\n}'))).toMatchObject({ passed: true });
      const result = await run(fenced('json', '{\n  "a": 1,\n}'));
      expect(result.passed).toBe(false);
      expect(result.reason).toMatch(/^json block 1 does not parse: line 3: .*position 12/);
    });
  });

  describe('Python', () => {
    it('passes valid Python', async () => {
      const code = 'import math\n\ndef area(r: float) -> float:\n    return math.pi * r ** 2\n\nprint(area(2))';
      expect(await run(fenced('python', code))).toMatchObject({ passed: true, reason: '1 block parses (python block 1)' });
    });

    it('fails an IndentationError with its line', async () => {
      const result = await run(fenced('py', 'def area(r):\nreturn 3.14 * r * r'));
      expect(result).toMatchObject({
        passed: false,
        reason: "py block 1 does not parse: line 2: IndentationError: expected an indented block after function definition on line 1",
      });
    });

    it('fails a SyntaxError', async () => {
      const result = await run(fenced('python', 'x = 1\nif x == 1\n    print(x)'));
      expect(result).toMatchObject({ passed: false, reason: "python block 1 does not parse: line 2: SyntaxError: expected ':'" });
    });

    it('parses, never runs, the code', async () => {
      const result = await run(fenced('python', 'import os\nos._exit(3)\nraise SystemExit("ran")'));
      expect(result).toMatchObject({ passed: true });
    });

    it('gives up on python3 after the timeout and lets the block pass unchecked', async () => {
      const slow = new CodeParsesCheck({ python: { timeoutMs: 1 } });
      const result = await slow.run(contextWith({ content: fenced('python', 'print(1)') }));
      expect(result).toMatchObject({ passed: true, reason: 'not checked: python block 1 (python3 did not finish within 1 ms)' });
    });

    it('lets Python blocks pass unchecked when python3 is missing, and says so', async () => {
      const withoutPython = new CodeParsesCheck({ python: { command: 'python3-that-does-not-exist' } });
      const result = await withoutPython.run(contextWith({ content: fenced('python', 'def broken(:') }));
      expect(result).toMatchObject({
        passed: true,
        reason: 'not checked: python block 1 (python3-that-does-not-exist is not available)',
      });
    });

    it('skips interactive console sessions', async () => {
      const result = await run(fenced('python', '>>> 1 + 1\n2'));
      expect(result).toMatchObject({ passed: true, reason: 'not checked: python block 1 (a console session, not a program)' });
    });
  });

  it('passes unlabeled and other-language blocks unchecked, and says which', async () => {
    const content = `${fenced('', 'whatever {')}${fenced('bash', 'echo "unclosed')}${fenced('json', '{}')}`;
    expect(await run(content)).toMatchObject({
      passed: true,
      reason: '1 block parses (json block 3); not checked: unlabeled block 1 (unlabeled); bash block 2 (language not checked)',
    });
  });

  it('reads language labels as data, not as object keys', async () => {
    const content = `${fenced('constructor', 'x')}${fenced('__proto__', 'y')}${fenced('toString', 'z')}`;
    expect(await run(content)).toMatchObject({ passed: true });
  });

  it('checks every block and names the first that fails by its number', async () => {
    const content = `${fenced('ts', 'const a = 1;')}${fenced('python', 'print("ok")')}${fenced('python', 'if True:\nprint(1)')}${fenced('js', 'let = ;')}`;
    const result = await run(content);
    expect(result.passed).toBe(false);
    expect(result.reason).toMatch(/^python block 3 does not parse: line 2: IndentationError/);
  });
});

describe('findCodeBlocks', () => {
  it('finds ``` and ~~~ fences with their language and numbers them', () => {
    const markdown = 'Intro\n```TypeScript title="a.ts"\nconst a = 1;\n```\ntext\n~~~python\nprint(1)\n~~~\n';
    expect(findCodeBlocks(markdown)).toEqual([
      { number: 1, language: 'typescript', code: 'const a = 1;', closed: true },
      { number: 2, language: 'python', code: 'print(1)', closed: true },
    ]);
  });

  it('reads blocks indented inside list items, keeping the code indentation', () => {
    const markdown = '1. Install it:\n\n   ```python\n   def f():\n       return 1\n   ```\n';
    expect(findCodeBlocks(markdown)).toEqual([{ number: 1, language: 'python', code: 'def f():\n    return 1', closed: true }]);
  });

  it('keeps a shorter fence inside a longer one as code, and runs an unclosed block to the end', () => {
    expect(findCodeBlocks('````md\n```js\nx\n```\n````')).toEqual([{ number: 1, language: 'md', code: '```js\nx\n```', closed: true }]);
    expect(findCodeBlocks('```js\nconst a =')).toEqual([{ number: 1, language: 'js', code: 'const a =', closed: false }]);
  });

  it('ignores inline triple backticks', () => {
    expect(findCodeBlocks('Use ```js code``` inline.')).toEqual([]);
  });
});
