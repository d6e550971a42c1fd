import 'reflect-metadata';
import '../database/pg-types';
import { Client } from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { Anchors, BooksVerifier, IntegrityReport } from '../integrity/books-verifier';
import type { AttestedReport } from '../integrity/integrity.service';
import { SESSION_OPTIONS } from '../database/typeorm.options';
import { exportContext, fileName, openBook, zipName } from './export-files';
import { createPrivateFile } from '../common/files/private-files';
import { estimateRows, ExportKind, writeExport } from './export-kinds';
import { Snapshot } from './snapshot';

/** What the job runner hands an export worker. */
export interface ExportWorkerInput {
  databaseUrl: string;
  file: string;
  kind: ExportKind;
  unionId: string;
  from: string;
  to: string;
  actorName: string;
  /** The ledger's time zone (LedgerClock.zone). */
  timeZone: string;
  /** The union's latest signed chain heads, which the verification for the cover checks against. */
  anchors: Anchors;
  /** With the PDFs (src/print/pack-pdfs.ts): `file` becomes a zip of the workbook and the PDFs. */
  pdf?: boolean;
}

export type ExportWorkerMessage =
  | { type: 'total'; rows: number }
  | { type: 'progress'; rows: number }
  | { type: 'verified'; report: IntegrityReport }
  | { type: 'done'; rows: number; fileName: string };

/** The main thread's answer to 'verified': the report with the checkpoint that signs it. */
export type ExportWorkerReply = { type: 'attested'; attested: AttestedReport };

const PROGRESS_EVERY_MS = 250;

/**
 * One export job, written in a worker thread: the workbook's CPU stays off the API's event loop, and the
 * worker's own small heap (resourceLimits) is collected as it goes instead of growing with the export.
 */
async function run(input: ExportWorkerInput): Promise<void> {
  const client = new Client({ connectionString: input.databaseUrl, options: SESSION_OPTIONS, application_name: 'union-ledger-export' });
  await client.connect();
  try {
    const snap = await Snapshot.onClient(client);
    let done = 0;
    let last = 0;
    const ctx = await exportContext(snap, input, { name: input.actorName }, input.timeZone, (n) => {
      done += n;
      if (Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      post({ type: 'progress', rows: done });
    });
    post({ type: 'total', rows: await estimateRows(input.kind, snap, ctx) });
    const xlsx = input.pdf ? `${input.file}.xlsx` : input.file;
    if (input.pdf) await createPrivateFile(xlsx);
    const book = openBook({ filename: xlsx }, ctx, input.kind);
    // the cover's verification reads this export's own snapshot; only the main thread holds the signing key
    await writeExport(input.kind, book, snap, ctx, async () => {
      const attested = new Promise<AttestedReport>((resolve) =>
        parentPort!.once('message', (m: ExportWorkerReply) => resolve(m.attested)),
      );
      post({ type: 'verified', report: await new BooksVerifier((sql, params) => snap.query(sql, params)).verify(input.unionId, input.anchors) });
      return attested;
    });
    await book.close();
    // loaded only when asked for: pdfkit, the font and the print code stay out of every other export's start
    if (input.pdf) await (await import('./pdf-pack')).zipWithPdfs(input.file, xlsx, fileName(ctx, input.kind), snap, ctx, input.kind);
    await snap.close();
    post({ type: 'done', rows: done, fileName: input.pdf ? zipName(ctx, input.kind) : fileName(ctx, input.kind) });
  } finally {
    await client.end();
  }
}

function post(message: ExportWorkerMessage): void {
  parentPort!.postMessage(message);
}

if (parentPort) {
  run(workerData as ExportWorkerInput).catch((err) => {
    // rethrown outside the promise so the worker ends with an 'error' event carrying it
    setImmediate(() => {
      throw err;
    });
  });
}
