import { formatPeriod } from '../../common/period';
import { formatVoucherNumber } from '../../ledger/domain/voucher-type';
import { RECEIPT_KIND_LABEL } from '../domain/receipt.rules';
import { ReceiptResponse } from './dto/receipt.dto';
import { ReceiptAttachment } from './receipt-attachments.repository';
import { Receipt } from './receipts.repository';

export function presentReceipt(r: Receipt, attachments: ReceiptAttachment[]): ReceiptResponse {
  const n = r.voucherNumber;
  return {
    id: r.id,
    unionId: r.unionId,
    number: r.number,
    kind: r.kind,
    kindLabel: RECEIPT_KIND_LABEL[r.kind],
    amount: r.amount.toFixed(2),
    date: r.date,
    payer: r.payer,
    bankReference: r.bankReference,
    shareAccount: r.shareAccount,
    creditAccount: r.creditAccount,
    fundType: r.fundType,
    project: r.projectCode,
    memo: r.memo,
    dues: r.duesPeriod === null ? null : { period: formatPeriod(r.duesPeriod), members: r.duesMembers, rollId: r.duesRollId },
    batchId: r.batchId,
    status: r.status,
    voucher: { id: r.voucherId, number: n ? formatVoucherNumber(n.type as never, n.period, n.number) : null },
    recordedBy: r.recordedByName,
    cancelled: r.cancelledAt ? { at: new Date(r.cancelledAt).toISOString(), reason: r.cancelReason } : null,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      uploadedBy: a.uploadedByName,
      createdAt: new Date(a.createdAt).toISOString(),
    })),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
