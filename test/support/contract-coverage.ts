import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPENAPI_PATH } from './contract';

const E2E_DIR = resolve(__dirname, '..', 'e2e');

/** Operations that cannot answer one of the two outcomes, and why. */
const EXEMPT: Record<string, { success?: string; error?: string }> = {
  getLiveness: { error: 'answers 200 whenever the process can answer at all' },
  getCheckpointPublicKey: { error: 'public, no input: the key is loaded at start-up (the service does not start without it)' },
};

/**
 * After a run that included every e2e file: every documented operation was seen answering at least one
 * success and one error (each of which the test app validated against its schema). Returns the gaps.
 */
export function contractCoverageGaps(): string[] | null {
  const dir = process.env.UL_CONTRACT_DIR;
  if (!dir) return null;
  try {
    const ran = new Set<string>();
    const seen = new Set<string>();
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { testFile: string; seen: string[] };
        ran.add(resolve(entry.testFile));
        entry.seen.forEach((s) => seen.add(s));
      }
    }
    const appFiles = readdirSync(E2E_DIR)
      .filter((f) => f.endsWith('.e2e-spec.ts') && readFileSync(join(E2E_DIR, f), 'utf8').includes('startTestApp'))
      .map((f) => join(E2E_DIR, f));
    if (!appFiles.every((f) => ran.has(f))) return null; // a partial run proves nothing about coverage
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const outcome of ['success', 'error'] as const) {
          if (!seen.has(`${op.operationId}:${outcome}`) && !EXEMPT[op.operationId]?.[outcome]) {
            gaps.push(`${op.operationId} (${method.toUpperCase()} ${path}): no ${outcome} response in any e2e test`);
          }
        }
      }
    }
    return gaps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
