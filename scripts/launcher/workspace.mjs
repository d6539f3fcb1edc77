// Shared by `npm start` and `npm test`: these run before any dependency is installed, so they use Node only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PNPM = 'pnpm@10.34.8';

/** Install and build scripts must never try to download GPU binaries (onnxruntime-node's postinstall). */
export const installEnvironment = {
  ...process.env,
  ONNXRUNTIME_NODE_INSTALL: 'skip',
  ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip',
};

export function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Routewise needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

/** Runs a command in the repo root, inheriting output; exits the launcher when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: installEnvironment, ...options });
  if (result.status !== 0) {
    console.error(`\n${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

export function pnpm(args, options) {
  run('npx', ['--yes', PNPM, ...args], options);
}

/** pnpm install (a no-op in ~2 s when nothing changed) then the TypeScript build. */
export function installAndBuild() {
  checkNodeVersion();
  const frozen = existsSync(path.join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  console.log('› installing dependencies with pnpm');
  pnpm(['install', ...frozen, '--reporter=silent']);
  console.log('› building');
  pnpm(['run', '--silent', 'build']);
}
