import Decimal from 'decimal.js';

/**
 * What people type into an amount field, made canonical: "1,200.5" / "１２００.５" / " 1200.50 " → "1200.50".
 * Returns null for anything that is not an amount of at most 12 integer digits and 2 decimals (so
 * "12.345" is refused rather than silently rounded: the user fixes it). Never a JS number.
 */
export function parseAmountInput(text: string | null | undefined, opts: { allowNegative?: boolean } = {}): string | null {
  if (text === null || text === undefined) return null;
  const s = normalise(text);
  const re = opts.allowNegative ? /^-?(0|[1-9]\d{0,11})(\.\d{1,2})?$/ : /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
  if (!re.test(s)) return null;
  return new Decimal(s).toFixed(2);
}

/** A quantity: up to 10 integer digits and 4 decimals ("2.5" kg, "120" 份), kept as typed but normalised. */
export function parseQuantityInput(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const s = normalise(text);
  if (!/^(0|[1-9]\d{0,9})(\.\d{1,4})?$/.test(s)) return null;
  return new Decimal(s).toString();
}

function normalise(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[,，\s]/g, '');
}
