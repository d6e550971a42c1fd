import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentKind } from './domain/claim-kinds';

export interface AttachmentRow {
  id: string;
  claimId: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  invoiceCode: string | null;
  invoiceNumber: string | null;
  uploadedBy: string | null;
  uploadedByName: string;
  createdAt: Date;
}

export interface RegistryHolder {
  key: string;
  unionId: string;
  claimId: string;
  claimNumber: string;
}

const SELECT_ATTACHMENT = `SELECT id, claim_id AS "claimId", kind, file_name AS "fileName", media_type AS "mediaType", size,
    sha256, invoice_code AS "invoiceCode", invoice_number AS "invoiceNumber", uploaded_by AS "uploadedBy",
    uploaded_by_name AS "uploadedByName", created_at AS "createdAt" FROM claim_attachments`;

/**
 * Claim documents and the registry that lets one invoice or file back one live claim only. The registry is
 * keyed by the document, not by union: the one cross-union table, read and written by key only.
 */
@Injectable()
export class ClaimDocumentsRepository {
  async insert(em: EntityManager, unionId: string, a: Omit<AttachmentRow, 'createdAt'> & { content: Buffer }): Promise<void> {
    await em.query(
      `INSERT INTO claim_attachments (union_id, id, claim_id, kind, file_name, media_type, size, sha256, invoice_code, invoice_number,
          uploaded_by, uploaded_by_name, content)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [unionId, a.id, a.claimId, a.kind, a.fileName, a.mediaType, a.size, a.sha256, a.invoiceCode, a.invoiceNumber, a.uploadedBy, a.uploadedByName, a.content],
    );
  }

  list(em: EntityManager, unionId: string, claimId: string): Promise<AttachmentRow[]> {
    return em.query(`${SELECT_ATTACHMENT} WHERE union_id = $1 AND claim_id = $2 ORDER BY created_at, id`, [unionId, claimId]);
  }

  async find(em: EntityManager, unionId: string, claimId: string, id: string): Promise<AttachmentRow | null> {
    const rows: AttachmentRow[] = await em.query(`${SELECT_ATTACHMENT} WHERE union_id = $1 AND claim_id = $2 AND id = $3`, [unionId, claimId, id]);
    return rows[0] ?? null;
  }

  async content(em: EntityManager, unionId: string, claimId: string, id: string): Promise<Buffer | null> {
    const rows: { content: Buffer }[] = await em.query(`SELECT content FROM claim_attachments WHERE union_id = $1 AND claim_id = $2 AND id = $3`, [
      unionId,
      claimId,
      id,
    ]);
    return rows[0]?.content ?? null;
  }

  async delete(em: EntityManager, unionId: string, claimId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM claim_attachments WHERE union_id = $1 AND claim_id = $2 AND id = $3`, [unionId, claimId, id]);
  }

  /**
   * Claims the keys for a document; returns the claim already holding one of them (another claim first,
   * else this one), or null when all are now ours. A concurrent holder's insert makes ours wait for its commit, then conflict.
   */
  async register(em: EntityManager, holder: Omit<RegistryHolder, 'key'> & { attachmentId: string }, keys: string[]): Promise<RegistryHolder | null> {
    let pending = keys;
    // a conflicting holder that rolls back between our insert and our read leaves its key free: take it then
    for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
      const inserted: { key: string }[] = await em.query(
        `INSERT INTO document_registry (key, union_id, claim_id, claim_number, attachment_id)
          SELECT k, $2, $3, $4, $5 FROM unnest($1::varchar[]) k ON CONFLICT (key) DO NOTHING RETURNING key`,
        [pending, holder.unionId, holder.claimId, holder.claimNumber, holder.attachmentId],
      );
      pending = pending.filter((k) => !inserted.some((i) => i.key === k));
      if (pending.length === 0) return null;
      const rows: RegistryHolder[] = await em.query(
        `SELECT key, union_id AS "unionId", claim_id AS "claimId", claim_number AS "claimNumber" FROM document_registry WHERE key = ANY($1::varchar[])`,
        [pending],
      );
      const other = rows.find((r) => !(r.unionId === holder.unionId && r.claimId === holder.claimId)) ?? rows[0];
      if (other) return other;
    }
    throw new Error('document registry: keys neither free nor held');
  }

  /** Frees a claim's documents (withdrawn into nothing: rejected or cancelled), or one removed document's. */
  async release(em: EntityManager, unionId: string, claimId: string, attachmentId?: string): Promise<void> {
    await em.query(
      `DELETE FROM document_registry WHERE union_id = $1 AND claim_id = $2 AND ($3::uuid IS NULL OR attachment_id = $3)`,
      [unionId, claimId, attachmentId ?? null],
    );
  }
}

/** The registry keys of a document: its file hash, and for an invoice its code and number (全电发票 have no code). */
export function documentKeys(a: { sha256: string; kind: DocumentKind; invoiceCode: string | null; invoiceNumber: string | null }): string[] {
  const keys = [`sha256:${a.sha256}`];
  if (a.kind === 'invoice' && a.invoiceNumber) keys.push(`invoice:${a.invoiceCode ?? ''}:${a.invoiceNumber}`);
  return keys;
}
