import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { ALLOWED_MEDIA_LABEL, sniffMediaType } from '../../claims/domain/file-type';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { BankingError } from '../banking.errors';
import { Upload } from '../files/upload';
import { ReceiptAttachment, ReceiptAttachmentsRepository } from './receipt-attachments.repository';
import { ReceiptsService } from './receipts.service';

/**
 * A receipt's bank slip (银行回单) or other evidence: PDF, OFD or a photo by its first bytes, hashed, kept
 * for good (documents are never removed from a receipt); while its voucher is a draft it counts them.
 */
@Injectable()
export class ReceiptAttachmentsService {
  constructor(
    private readonly db: Database,
    private readonly receipts: ReceiptsService,
    private readonly attachments: ReceiptAttachmentsRepository,
    private readonly audit: AuditService,
  ) {}

  add(unionId: string, receiptId: string, upload: Upload, actor: Actor): Promise<ReceiptAttachment> {
    const mediaType = sniffMediaType(upload.content);
    if (!mediaType) throw new BankingError('FILE_UNREADABLE', `回单只能是 ${ALLOWED_MEDIA_LABEL} 文件（按文件内容判断，不看扩展名）`);
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    return this.db.transaction(async (em) => {
      const receipt = await this.receipts.require(em, unionId, receiptId, true);
      if (receipt.status === 'cancelled') throw new BankingError('RECEIPT_STATUS', `收款单 ${receipt.number} 已作废`);
      const id = uuidv7();
      await this.attachments.insert(em, unionId, {
        id, receiptId, fileName: upload.fileName, mediaType, size: upload.content.length, sha256,
        uploadedBy: actor.id, uploadedByName: actor.name, content: upload.content,
      });
      if (receipt.status === 'recorded') await this.attachments.countOnDraft(em, unionId, receipt.voucherId);
      await this.audit.record(em, actor, [
        { unionId, action: 'receipt.attach', entityType: 'receipt', entityId: receiptId, after: { attachmentId: id, fileName: upload.fileName, sha256 } },
      ]);
      return (await this.attachments.list(em, unionId, receiptId)).find((a) => a.id === id)!;
    });
  }

  async download(unionId: string, receiptId: string, id: string): Promise<ReceiptAttachment & { content: Buffer }> {
    const found = await this.attachments.find(this.db.manager, unionId, receiptId, id);
    if (!found) throw notFound('附件', { attachmentId: id });
    return found;
  }
}
