/**
 * The layers' import rules, checked by `npm run deps` (dependency-cruiser).
 *
 * handler (functions/) → use case → pure domain (packages/engine) ← adapters (packages/store).
 * The engine and the contract are what every other layer builds on, so they may reach nothing but
 * themselves and Node's standard library (the contract also zod, which its schemas are written in,
 * and the engine, whose types it parses into). A use case talks to storage through its port, so
 * only the adapters under functions/ may import the store or a DynamoDB client.
 */

/**
 * Folders of functions/src allowed to import the store and the DynamoDB clients: the composition
 * root that builds each handler with its store. Everything else in functions/ depends on ports.
 */
const compositionRoots = ['^functions/src/adapters/'];

/**
 * `warn` while functions/ still import `@medins/store` directly (the ports are being introduced);
 * set it to `error` once `npm run deps` reports no `functions-through-ports` warning.
 */
const portsSeverity = 'warn';

/** A module of Node's standard library, however it is spelt (`node:fs`, `fs`). */
const standardLibrary = { dependencyTypesNot: ['core'] };

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'engine-stays-pure',
      comment:
        'packages/engine holds the rules: it imports nothing but itself and the standard library (no AWS, no zod, no other package).',
      severity: 'error',
      from: { path: '^packages/engine/src/' },
      to: { pathNot: '^packages/engine/src/', ...standardLibrary },
    },
    {
      name: 'contract-stays-pure',
      comment:
        'packages/contract is the public JSON contract: it imports itself, the standard library, zod (its schemas) and @medins/engine (the domain it parses into), nothing else.',
      severity: 'error',
      from: { path: '^packages/contract/src/' },
      to: { pathNot: ['^packages/contract/src/', '^packages/engine/src/', '(^|/)node_modules/zod/'], ...standardLibrary },
    },
    {
      name: 'functions-through-ports',
      comment: `A handler or use case depends on its store port (functions/src/ports), not on @medins/store or a DynamoDB client; only ${compositionRoots.join(', ')} may.`,
      severity: portsSeverity,
      from: { path: '^functions/src/', pathNot: compositionRoots },
      to: {
        path: [
          '^packages/store/',
          '(^|/)node_modules/@medins/store/',
          '(^|/)node_modules/@aws-sdk/(client-dynamodb|lib-dynamodb|util-dynamodb)/',
          '^@aws-sdk/(client-dynamodb|lib-dynamodb|util-dynamodb)$',
        ],
      },
    },
    {
      name: 'resolvable',
      comment: 'An import that resolves to nothing would pass every rule above unseen.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: a type from an AWS package in the engine still ties it to AWS.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspace packages are followed to their source (their package.json exports point at src/).
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)test/', '\\.test\\.ts$'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.d.ts', '.json'],
    },
  },
};
