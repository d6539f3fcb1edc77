import { spawn } from 'node:child_process';

export type PythonSyntaxResult = { parses: true } | { parses: false; line: number | null; message: string };

/** Every block's result, in order, or why Python could not check them (not installed, timed out, crashed). */
export type PythonBatchResult = { checked: true; results: PythonSyntaxResult[] } | { checked: false; reason: string };

/**
 * Reads a JSON list of sources from stdin and prints one result per source. `ast.parse` only builds the syntax
 * tree: nothing in the sources is imported, compiled to bytecode or run.
 */
const PARSE_SCRIPT = `
import ast, json, sys
results = []
for source in json.load(sys.stdin):
    try:
        ast.parse(source)
        results.append({"parses": True})
    except SyntaxError as error:
        results.append({"parses": False, "line": error.lineno, "message": type(error).__name__ + ": " + str(error.msg)})
    except (ValueError, RecursionError, MemoryError) as error:
        results.append({"parses": False, "line": None, "message": type(error).__name__ + ": " + str(error)})
print(json.dumps(results))
`;

export interface PythonSyntaxOptions {
  /** Default `python3`. */
  command?: string;
  /** For all of one answer's blocks; default 5000. */
  timeoutMs?: number;
}

/** Parses Python sources in one `python3 -I` process (isolated: no PYTHON* variables, no user site-packages). */
export function checkPythonSyntax(sources: readonly string[], options: PythonSyntaxOptions = {}): Promise<PythonBatchResult> {
  const command = options.command ?? 'python3';
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve) => {
    const child = spawn(command, ['-I', '-c', PARSE_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    // Our own timer rather than spawn's `timeout`, which is never cleared when the command does not exist.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (result: PythonBatchResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ checked: false, reason: error.code === 'ENOENT' ? `${command} is not available` : `${command} failed to start: ${error.message}` });
    });
    child.on('close', (code) => {
      if (timedOut) return finish({ checked: false, reason: `${command} did not finish within ${timeoutMs} ms` });
      const results = parseResults(Buffer.concat(stdout).toString('utf8'), sources.length);
      if (code !== 0 || results === undefined) {
        const detail = Buffer.concat(stderr).toString('utf8').trim().split('\n').at(-1) ?? '';
        return finish({ checked: false, reason: `${command} exited with code ${code}${detail === '' ? '' : `: ${detail}`}` });
      }
      finish({ checked: true, results });
    });
    // A process that died before reading stdin makes the write fail with EPIPE; 'close' reports it.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(sources));
  });
}

function parseResults(output: string, expected: number): PythonSyntaxResult[] | undefined {
  try {
    const parsed: unknown = JSON.parse(output);
    if (!Array.isArray(parsed) || parsed.length !== expected) return undefined;
    return parsed.map((item: unknown): PythonSyntaxResult => {
      const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      if (record.parses === true) return { parses: true };
      return { parses: false, line: typeof record.line === 'number' ? record.line : null, message: String(record.message ?? 'does not parse') };
    });
  } catch {
    return undefined;
  }
}
