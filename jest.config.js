/** One jest run covers every package, service and the end-to-end suite; TypeScript is compiled by swc. */
const workspaceModules = {
  '^@routewise/router$': '<rootDir>/services/router/src/index.ts',
  '^@routewise/feedback$': '<rootDir>/services/feedback/src/index.ts',
  '^@routewise/test-support$': '<rootDir>/test/support/index.ts',
  '^@routewise/test-support/postgres$': '<rootDir>/test/support/postgres/index.ts',
  '^@routewise/database$': '<rootDir>/packages/database/src/index.ts',
  '^@routewise/(taxonomy|errors|telemetry|providers|config|embedder|classifier|policy|retraining|checks|tokens|http|json-limits)$': '<rootDir>/packages/$1/src/index.ts',
};

module.exports = {
  // Node's environment with the outer realm's typed arrays, so onnxruntime's tensors are accepted in every test file.
  testEnvironment: '<rootDir>/packages/embedder/test/support/onnx-test-environment.ts',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    // PGlite's CommonJS build loads Node built-ins with import(), which jest's vm only runs under
    // --experimental-vm-modules; swc turns those into require() (packages/database).
    '/@electric-sql/pglite/dist/.+\\.cjs$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/@electric-sql\\+pglite@[^/]+/node_modules/)?@electric-sql/pglite/)'],
  moduleNameMapper: workspaceModules,
  testTimeout: 30000,
};
