// `npm test`: install, build and type-check, then run every test (jest) and print one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installAndBuild, installEnvironment, pnpm, root } from './workspace.mjs';

installAndBuild();
console.log('› type-checking tests');
pnpm(['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']);

// Every test router starts from the same seed classifier; trained here once (cached per training data), not by
// whichever test happens to start a router first.
const testDataDirectory = path.join(root, '.data', 'test');
console.log('› the seed classifier for the tests');
const training = spawnSync(process.execPath, [path.join(root, 'scripts/dist/train-classifier.js')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    ROUTEWISE_DATA_DIR: testDataDirectory,
    EMBEDDING_MODEL_DIR: path.resolve(root, '../shared/models/routewise-static-en-64'),
    ROUTEWISE_ALLOW_REMOTE_MODELS: 'false',
  },
});
if (training.status !== 0) process.exit(training.status ?? 1);

const resultsFile = path.join(root, '.data', 'jest-results.json');
mkdirSync(path.dirname(resultsFile), { recursive: true });
console.log('› running jest');
const jest = spawnSync('npx', ['--yes', 'pnpm@10.34.8', 'exec', 'jest', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...installEnvironment, ROUTEWISE_TEST_DATA_DIR: testDataDirectory },
});

let summary = '';
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
} catch {
  summary = '0 passed, 1 failed';
}
console.log(`\njest: ${summary}`);
process.exit(jest.status ?? 1);
