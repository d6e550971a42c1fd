import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ReceiptAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedByName: string;
  createdAt: Date;
}

const COLUMNS = `id, file_name AS "fileName", media_type AS "mediaType", size, sha256, uploaded_by_name AS "uploadedByName", created_at AS "createdAt"`;

/** A receipt's documents (银行回单 and the like), kept in the database like claim documents. */
@Injectable()
export class ReceiptAttachmentsRepository {
  list(em: EntityManager, unionId: string, receiptId: string): Promise<ReceiptAttachment[]> {
    return em.query(`SELECT ${COLUMNS} FROM receipt_attachments WHERE union_id = $1 AND receipt_id = $2 ORDER BY created_at, id`, [unionId, receiptId]);
  }

  async find(em: EntityManager, unionId: string, receiptId: string, id: string): Promise<(ReceiptAttachment & { content: Buffer }) | undefined> {
    const rows: (ReceiptAttachment & { content: Buffer })[] = await em.query(
      `SELECT ${COLUMNS}, content FROM receipt_attachments WHERE union_id = $1 AND receipt_id = $2 AND id = $3`,
      [unionId, receiptId, id],
    );
    return rows[0];
  }

  async insert(
    em: EntityManager,
    unionId: string,
    a: Omit<ReceiptAttachment, 'createdAt' | 'uploadedByName'> & { receiptId: string; uploadedBy: string | null; uploadedByName: string; content: Buffer },
  ): Promise<void> {
    await em.query(
      `INSERT INTO receipt_attachments (union_id, id, receipt_id, file_name, media_type, size, sha256, uploaded_by, uploaded_by_name, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [unionId, a.id, a.receiptId, a.fileName, a.mediaType, a.size, a.sha256, a.uploadedBy, a.uploadedByName, a.content],
    );
  }

  /** The receipt's draft voucher counts its documents (附单据张数), while it is still a draft. */
  async countOnDraft(em: EntityManager, unionId: string, voucherId: string): Promise<void> {
    await em.query(
      `UPDATE voucher_drafts SET attachment_count = attachment_count + 1, version = version + 1, updated_at = now()
        WHERE union_id = $1 AND id = $2`,
      [unionId, voucherId],
    );
  }
}
