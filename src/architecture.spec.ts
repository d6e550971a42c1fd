import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The domain stays pure by a rule that runs in the tests, not by goodwill: dependency-cruiser over src with
 * .dependency-cruiser.cjs (no Nest, TypeORM or pg reachable from any module in a domain folder; domain modules import
 * only domain modules, coded errors and pure common helpers).
 */
describe('architecture', () => {
  it('keeps every domain module free of Nest, TypeORM and pg', () => {
    const root = join(__dirname, '..');
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: run.status, out: run.status === 0 ? '' : `${run.stdout}${run.stderr}` }).toEqual({ status: 0, out: '' });
  });
});
