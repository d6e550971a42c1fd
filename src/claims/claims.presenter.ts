import Decimal from 'decimal.js';
import { amountInWords } from '../common/money/amount-in-words';
import { AttachmentRow } from './claim-documents.repository';
import { BeneficiaryRow, ClaimEventRow, ClaimHeader, ClaimLineRow } from './claims.repository';
import { ASSET_CATEGORY_LABEL, AssetCategory } from './domain/capitalisation.rules';
import { CLAIM_KIND_LABEL, DOCUMENT_KIND_LABEL } from './domain/claim-kinds';
import { CLAIM_STATUS_LABEL } from './domain/claim.rules';
import { ComplianceReport } from './domain/rule-set';
import { AttachmentResponse, ClaimEventResponse, ClaimResponse, ClaimSummaryResponse } from './dto/claim-response.dto';

const EVENT_LABEL: Record<string, string> = {
  create: '创建',
  edit: '修改',
  submit: '提交',
  withdraw: '撤回',
  approve: '审批同意',
  reject: '驳回',
  review: '审核通过并制单',
  check: '复核付款凭证',
  return: '退回修改',
  cancel: '作废',
  pay: '付款',
  post: '记账',
  migrate: '流程调整',
};

export function presentClaimSummary(c: ClaimHeader): ClaimSummaryResponse {
  return {
    id: c.id,
    unionId: c.unionId,
    number: c.number,
    status: c.status,
    statusLabel: CLAIM_STATUS_LABEL[c.status],
    kind: c.kind,
    kindLabel: CLAIM_KIND_LABEL[c.kind],
    purpose: c.purpose,
    amount: c.amount.toFixed(2),
    payee: c.payeeName,
    eventDate: c.eventDate,
    createdBy: c.createdByName,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentAttachment(a: AttachmentRow): AttachmentResponse {
  return {
    id: a.id,
    kind: a.kind,
    kindLabel: DOCUMENT_KIND_LABEL[a.kind],
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    invoiceCode: a.invoiceCode,
    invoiceNumber: a.invoiceNumber,
    uploadedBy: a.uploadedByName,
    uploadedAt: new Date(a.createdAt).toISOString(),
  };
}

export function presentClaim(d: {
  claim: ClaimHeader;
  lines: ClaimLineRow[];
  beneficiaries: BeneficiaryRow[];
  attachments: AttachmentRow[];
  events: ClaimEventRow[];
  compliance: ComplianceReport | null;
  voucher: { id: string; number: string | null; status: 'draft' | 'posted' } | null;
  fixedAssets: { lineNo: number; category: string; amount: Decimal }[];
}): ClaimResponse {
  const c = d.claim;
  return {
    ...presentClaimSummary(c),
    occasion: c.occasion,
    amountInWords: amountInWords(c.amount),
    expenseAccount: c.expenseAccount,
    fundType: c.fundType,
    project: c.projectCode,
    payeeDetails: { kind: c.payeeKind, name: c.payeeName, bank: c.payeeBank, account: c.payeeAccount },
    committee: c.committeeDate && c.committeeRef ? { date: c.committeeDate, minutesRef: c.committeeRef } : null,
    lines: d.lines.map((l) => ({
      lineNo: l.lineNo,
      description: l.description,
      quantity: l.quantity.toString(),
      unitPrice: l.unitPrice.toFixed(2),
      amount: l.amount.toFixed(2),
    })),
    beneficiaries: d.beneficiaries.map((b) => ({ member: b.member, name: b.name, share: b.share.toFixed(2) })),
    attachments: d.attachments.map(presentAttachment),
    history: d.events.map(presentEvent),
    compliance: d.compliance,
    voucher: d.voucher,
    fixedAssets: d.fixedAssets.map((f) => {
      const line = d.lines.find((l) => l.lineNo === f.lineNo)!;
      return {
        lineNo: f.lineNo,
        description: line.description,
        quantity: line.quantity.toString(),
        unitPrice: line.unitPrice.toFixed(2),
        amount: f.amount.toFixed(2),
        category: f.category,
        categoryLabel: ASSET_CATEGORY_LABEL[f.category as AssetCategory],
      };
    }),
    payment: c.paidAt && c.paymentDate ? { date: c.paymentDate, bankReference: c.paymentRef, paidAt: new Date(c.paidAt).toISOString() } : null,
    version: c.version,
  };
}

function presentEvent(e: ClaimEventRow): ClaimEventResponse {
  return {
    seq: e.seq,
    action: e.action,
    actionLabel: EVENT_LABEL[e.action] ?? e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: e.actorName,
    comment: e.comment,
    details: e.details,
    at: new Date(e.at).toISOString(),
  };
}
