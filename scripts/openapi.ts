import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { contractProblems } from '../src/common/openapi/openapi.contract';
import { buildOpenApiDocument } from '../src/common/openapi/openapi.document';

export const OPENAPI_FILE = join(__dirname, '..', 'docs', 'openapi.json');

/**
 * npm run openapi: writes docs/openapi.json, the API contract, from the code. Nest's preview mode builds the
 * module graph without instantiating providers, so no database is needed. Refuses a document with problems.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(
    AppModule.forRoot({ database: { url: 'postgres://preview@localhost/preview', embedded: false }, jwtSecret: 'preview'.repeat(8) }),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  const document = buildOpenApiDocument(app);
  await app.close();
  const problems = contractProblems(document);
  if (problems.length > 0) {
    console.error(`docs/openapi.json not written: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(document, null, 2)}\n`);
  const count = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`docs/openapi.json written: ${count} operations`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
