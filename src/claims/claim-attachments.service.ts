import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { AttachmentRow, ClaimDocumentsRepository, documentKeys } from './claim-documents.repository';
import { ClaimSteps } from './claim-steps';
import { ClaimError } from './claims.errors';
import { DocumentKind } from './domain/claim-kinds';
import { ALLOWED_MEDIA_LABEL, sniffMediaType } from './domain/file-type';

export interface Upload {
  fileName: string;
  content: Buffer;
  kind: DocumentKind;
  invoiceCode: string | null;
  invoiceNumber: string | null;
}

/**
 * Claim documents: checked by content, hashed, and registered so that one invoice (by code and number, or
 * by file) backs one live claim only — a second use is refused with the first claim's number.
 */
@Injectable()
export class ClaimAttachmentsService {
  constructor(
    private readonly db: Database,
    private readonly documents: ClaimDocumentsRepository,
    private readonly steps: ClaimSteps,
    private readonly audit: AuditService,
  ) {}

  /** `seesClaimsOf(unionId)`: whether the caller may read that union's claims (a duplicate names the first only then). */
  add(unionId: string, claimId: string, upload: Upload, actor: Actor, seesClaimsOf: (unionId: string) => Promise<boolean>): Promise<AttachmentRow> {
    const mediaType = sniffMediaType(upload.content);
    if (!mediaType) {
      throw new ClaimError('ATTACHMENT_TYPE_NOT_ALLOWED', `附件只能是 ${ALLOWED_MEDIA_LABEL} 文件（按文件内容判断，不看扩展名）`);
    }
    if (upload.kind === 'invoice' && !upload.invoiceNumber) {
      throw new ClaimError('ATTACHMENT_INVALID', '发票须填写发票号码（invoiceNumber），有发票代码的一并填写');
    }
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    return this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, claimId);
      this.steps.target(claim, 'edit');
      const id = uuidv7();
      const holder = await this.documents.register(
        em,
        { unionId, claimId, claimNumber: claim.number, attachmentId: id },
        documentKeys({ sha256, kind: upload.kind, invoiceCode: upload.invoiceCode, invoiceNumber: upload.invoiceNumber }),
      );
      if (holder && holder.claimId === claimId && holder.unionId === unionId) {
        throw new ClaimError('ATTACHMENT_INVALID', '该文件或发票已附在本报销单上');
      }
      if (holder) {
        const what = holder.key.startsWith('invoice:') ? '该发票' : '该文件';
        // the first claim is named only to someone who may read it: its number and union are not another
        // union's clerk's business
        if (await seesClaimsOf(holder.unionId)) {
          throw new ClaimError('DUPLICATE_INVOICE', `${what}已用于报销单 ${holder.claimNumber}，不能重复报销`, { claimNumber: holder.claimNumber });
        }
        throw new ClaimError('DUPLICATE_INVOICE', `${what}已在别处报销，不能重复报销`, { messageEn: 'this document is already claimed elsewhere' });
      }
      const row = {
        id,
        claimId,
        kind: upload.kind,
        fileName: upload.fileName,
        mediaType,
        size: upload.content.length,
        sha256,
        invoiceCode: upload.invoiceCode,
        invoiceNumber: upload.invoiceNumber,
        uploadedBy: actor.id,
        uploadedByName: actor.name,
      };
      await this.documents.insert(em, unionId, { ...row, content: upload.content });
      await this.audit.record(em, actor, [
        { unionId, action: 'claim.attach', entityType: 'claim', entityId: claimId, after: { attachmentId: id, kind: upload.kind, fileName: upload.fileName, sha256, invoiceNumber: upload.invoiceNumber } },
      ]);
      return (await this.documents.find(em, unionId, claimId, id))!;
    });
  }

  remove(unionId: string, claimId: string, id: string, actor: Actor): Promise<void> {
    return this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, claimId);
      this.steps.target(claim, 'edit');
      const row = await this.documents.find(em, unionId, claimId, id);
      if (!row) throw notFound('附件', { attachmentId: id });
      await this.documents.delete(em, unionId, claimId, id);
      await this.documents.release(em, unionId, claimId, id);
      await this.audit.record(em, actor, [
        { unionId, action: 'claim.detach', entityType: 'claim', entityId: claimId, before: { attachmentId: id, kind: row.kind, fileName: row.fileName, sha256: row.sha256 } },
      ]);
    });
  }

  async download(unionId: string, claimId: string, id: string): Promise<{ row: AttachmentRow; content: Buffer }> {
    const row = await this.documents.find(this.db.manager, unionId, claimId, id);
    const content = row && (await this.documents.content(this.db.manager, unionId, claimId, id));
    if (!row || !content) throw notFound('附件', { attachmentId: id });
    return { row, content };
  }
}
