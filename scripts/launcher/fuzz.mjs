// `pnpm fuzz [--runs N] [--seed S]`: the service fuzz at full length (test/fuzz/service-fuzz.test.ts), after the
// build: 10,000 generated requests against both services started from their build output, then the tally. A new
// seed each time explores new requests; the seed is printed so a run can be replayed exactly.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { installEnvironment, PNPM, root } from './workspace.mjs';

let parsed;
try {
  parsed = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } }).values;
} catch (error) {
  console.error(`${error.message}\nusage: pnpm fuzz [--runs N] [--seed S]`);
  process.exit(2);
}
const options = { runs: Number(parsed.runs ?? 10_000), seed: Number(parsed.seed ?? Math.floor(Math.random() * 2 ** 31)) };
if (!Number.isInteger(options.runs) || options.runs < 1 || !Number.isInteger(options.seed) || options.seed < 0) {
  console.error('usage: pnpm fuzz [--runs N] [--seed S] (non-negative integers)');
  process.exit(2);
}

console.log(`› fuzzing both services: ${options.runs} requests, seed ${options.seed} (replay: pnpm fuzz --runs ${options.runs} --seed ${options.seed})`);
const jest = spawnSync('npx', ['--yes', PNPM, 'exec', 'jest', 'test/fuzz/service-fuzz.test.ts', '--runInBand'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...installEnvironment, ROUTEWISE_FUZZ_RUNS: String(options.runs), ROUTEWISE_FUZZ_SEED: String(options.seed) },
});
process.exit(jest.status ?? 1);
