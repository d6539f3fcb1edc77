// `pnpm fuzz [--runs N] [--seed S]`: the service fuzz at full length (test/fuzz/service-fuzz.test.ts), after the
// build: 10,000 generated requests against both services started from their build output, then the tally. A new
// seed each time explores new requests; the seed is printed so a run can be replayed exactly.
import { spawnSync } from 'node:child_process';
import { installEnvironment, PNPM, root } from './workspace.mjs';

const options = { runs: 10_000, seed: Math.floor(Math.random() * 2 ** 31) };
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index++) {
  const name = args[index]?.replace(/^--/, '');
  const value = Number(args[index + 1]);
  if ((name !== 'runs' && name !== 'seed') || !Number.isInteger(value) || value < 0) {
    console.error('usage: pnpm fuzz [--runs N] [--seed S]');
    process.exit(2);
  }
  options[name] = value;
  index += 1;
}

console.log(`› fuzzing both services: ${options.runs} requests, seed ${options.seed} (replay: pnpm fuzz --runs ${options.runs} --seed ${options.seed})`);
const jest = spawnSync('npx', ['--yes', PNPM, 'exec', 'jest', 'test/fuzz/service-fuzz.test.ts', '--runInBand'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...installEnvironment, ROUTEWISE_FUZZ_RUNS: String(options.runs), ROUTEWISE_FUZZ_SEED: String(options.seed) },
});
process.exit(jest.status ?? 1);
