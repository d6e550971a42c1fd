import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';
import { Checkpoint, checkSignature, fingerprint } from './domain/checkpoint.rules';

/** The cover row (封面) of an audit pack that holds its signed checkpoint. */
export const SIGNED_CHECKPOINT_LABEL = '签名检查点';

export interface CoverCheck {
  ok: boolean;
  checkpoint: Checkpoint | null;
  fingerprint: string | null;
  problem: string | null;
}

/**
 * The signed checkpoint an export carries: the cover sheet (封面) of an .xlsx audit pack, or a checkpoint
 * as JSON (one line of the checkpoint log).
 */
export async function readCheckpointFile(file: string): Promise<Checkpoint> {
  if (/\.xlsx$/i.test(file)) {
    const wb = new Workbook();
    await wb.xlsx.readFile(file);
    const cover = wb.getWorksheet('封面');
    if (!cover) throw new Error(`${file} has no cover sheet (封面): not an audit pack`);
    let found: string | null = null;
    cover.eachRow((row) => {
      if (String(row.getCell(1).value ?? '') === SIGNED_CHECKPOINT_LABEL) found = String(row.getCell(2).value ?? '');
    });
    if (!found || !(found as string).startsWith('{')) throw new Error(`the cover of ${file} carries no signed checkpoint`);
    return JSON.parse(found) as Checkpoint;
  }
  return JSON.parse((await readFile(file, 'utf8')).trim().split('\n').pop()!) as Checkpoint;
}

/**
 * Checks a checkpoint with nothing but itself: its Ed25519 signature by the key it names, and — given the
 * fingerprint of the public key the auditor obtained from the center — that it is that key.
 */
export function checkCover(checkpoint: Checkpoint, trusted?: string): CoverCheck {
  const problem = checkSignature(checkpoint, trusted ? [trusted] : undefined);
  return { ok: problem === null, checkpoint, fingerprint: typeof checkpoint?.key === 'string' ? fingerprint(checkpoint.key) : null, problem };
}
