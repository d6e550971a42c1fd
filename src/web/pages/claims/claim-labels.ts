import { CLAIM_KIND_LABEL, ClaimKinds, DOCUMENT_KIND_LABEL, DocumentKinds, OCCASION_LABEL, Occasions, PER_PERSON_KINDS } from '../../../claims/domain/claim-kinds';
import { CLAIM_STATUS_LABEL, ClaimStatuses, type ClaimStatus } from '../../../claims/domain/claim.rules';

/** The claims vocabulary in Chinese, from the server's own pure modules (one source of truth for the labels). */
export { CLAIM_KIND_LABEL, CLAIM_STATUS_LABEL, DOCUMENT_KIND_LABEL, OCCASION_LABEL, PER_PERSON_KINDS };

/** Kinds a clerk may choose: the prohibited ones exist only so rule sets can name them. */
const PROHIBITED = new Set(['cash_gift', 'shopping_card', 'banquet', 'unrelated']);
export const kindOptions = ClaimKinds.filter((k) => !PROHIBITED.has(k)).map((k) => ({ value: k, label: CLAIM_KIND_LABEL[k] }));
export const occasionOptions = Occasions.map((o) => ({ value: o, label: OCCASION_LABEL[o] }));
export const documentOptions = DocumentKinds.map((d) => ({ value: d, label: DOCUMENT_KIND_LABEL[d] }));
export const statusOptions = ClaimStatuses.map((s) => ({ value: s, label: CLAIM_STATUS_LABEL[s] }));

const STATUS_COLOR: Record<ClaimStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'processing',
  reviewed: 'warning',
  checked: 'warning',
  returned: 'error',
  rejected: 'error',
  cancelled: 'default',
  paid: 'cyan',
  posted: 'success',
};

export function statusColor(status: string): string {
  return STATUS_COLOR[status as ClaimStatus] ?? 'default';
}

export function kindLabel(kind: string): string {
  return CLAIM_KIND_LABEL[kind as keyof typeof CLAIM_KIND_LABEL] ?? kind;
}
