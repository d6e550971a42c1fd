/**
 * Architecture rules checked in the tests (src/architecture.spec.ts) and by `npm run lint:deps`:
 * the domain core is pure — no framework, no ORM, no database driver (docs/architecture.md).
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Rules live in pure classes: */domain/ imports no Nest, TypeORM or pg (nor what does).',
      severity: 'error',
      from: { path: '(^|/)src/.+/domain/' },
      to: { path: ['node_modules/@nestjs/', 'node_modules/typeorm/', 'node_modules/pg/', 'node_modules/pg-[a-z-]+/', 'node_modules/@fastify/'], reachable: true },
    },
    {
      name: 'domain-stays-in-domain',
      comment: 'A domain module imports domain modules, coded errors and pure common helpers only, never a service, repository or controller.',
      severity: 'error',
      from: { path: '(^|/)src/.+/domain/' },
      to: { path: '^src/', pathNot: ['(^|/)src/.+/domain/', '^src/common/(money|period|errors)', '^src/[a-z-]+/[a-z-]+\\.errors\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.spec\\.ts$' },
  },
};
