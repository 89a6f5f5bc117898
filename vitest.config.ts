import { defineConfig } from 'vitest/config';

/** Lines and branches a package's source must reach (`npm test` measures them). */
const floor = (percent: number) => ({ lines: percent, branches: percent });

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'functions/test/**/*.test.ts', 'infra/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the embedded-stack suites start Java and servers, so keep parallelism modest.
    maxWorkers: 2,
    // `npm test` runs with coverage on: below its threshold a package fails the run.
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'functions/src/**/*.ts', 'infra/src/**/*.ts'],
      exclude: [
        // Barrels only re-export: their lines are the modules they name.
        '**/src/index.ts',
        // The benchmark's runs: they start the embedded stack (Java, servers) and time it for
        // minutes, which `npm run bench` does and docs/performance.md reports; a unit test could
        // only stub what they measure. Their pure parts (cost model, meter, worlds, report) are tested.
        'packages/bench/src/main.ts',
        'packages/bench/src/stack.ts',
        'packages/bench/src/pipeline-bench.ts',
        'packages/bench/src/enrollment-bench.ts',
        'packages/bench/src/renewal-bench.ts',
        'packages/bench/src/renewal-child.ts',
      ],
      reporter: ['text', 'json-summary'],
      // Each glob is measured on its own files together: the engine holds the rules, so it is held higher.
      thresholds: {
        'packages/engine/src/**': floor(95),
        'packages/contract/src/**': floor(80),
        'packages/store/src/**': floor(80),
        'packages/local-stack/src/**': floor(80),
        'packages/embedded/src/**': floor(80),
        'packages/cli/src/**': floor(80),
        'packages/bench/src/**': floor(80),
        'packages/workload/src/**': floor(80),
        'packages/insurer/src/**': floor(80),
        'functions/src/**': floor(80),
        'infra/src/**': floor(80),
      },
    },
  },
});
