import Decimal from 'decimal.js';
import { lineAmount } from '../../../claims/domain/claim.rules';
import { parseAmountInput, parseQuantityInput } from '../../money/amount-input';

/** A claim line as typed: quantity and unit price as the user wrote them. */
export interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
}

/** quantity × unit price to the fen (the server's own rule), or null while either is not a number yet. */
export function lineAmountOf(line: LineDraft): string | null {
  const q = parseQuantityInput(line.quantity);
  const p = parseAmountInput(line.unitPrice);
  if (q === null || p === null) return null;
  return lineAmount(new Decimal(q), new Decimal(p)).toFixed(2);
}

/** The claim's total as the clerk enters it (the server recomputes and stores its own). */
export function claimTotalOf(lines: LineDraft[]): string | null {
  let total = new Decimal(0);
  for (const line of lines) {
    const amount = lineAmountOf(line);
    if (amount === null) return null;
    total = total.plus(amount);
  }
  return total.toFixed(2);
}

/** Lines as the API takes them: decimal strings, each amount = quantity × unit price. */
export function requestLines(lines: LineDraft[]): { description: string; quantity: string; unitPrice: string; amount: string }[] {
  return lines.map((l) => ({
    description: l.description.trim(),
    quantity: parseQuantityInput(l.quantity) ?? l.quantity,
    unitPrice: parseAmountInput(l.unitPrice) ?? l.unitPrice,
    amount: lineAmountOf(l) ?? '0.00',
  }));
}

/**
 * A list of members pasted from a spreadsheet or typed: one per line, "工号 姓名" separated by a tab, comma or
 * spaces. Returns the members and the lines that could not be read (by line number, 1-based).
 */
export function parseMembers(text: string): { members: { member: string; name: string }[]; bad: number[] } {
  const members: { member: string; name: string }[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const parts = line.split(/[\t,，]+|\s{1,}/).map((p) => p.trim()).filter(Boolean);
    if (parts.length !== 2 || parts[0].length > 40 || parts[1].length > 50) bad.push(i + 1);
    else members.push({ member: parts[0], name: parts[1] });
  });
  return { members, bad };
}
