/** Escaping and element writing for the interchange XML: strings out, no DOM, so a file streams record by record. */

/** Characters XML 1.0 cannot carry at all (controls other than tab, newline, carriage return). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export type FieldValue = string | number | null | undefined;

/**
 * One record as an element whose data elements are child elements, in the order given (the XSD fixes the
 * order); null / undefined fields are left out (optional in the schema). `inner` is already-written XML.
 */
export function record(name: string, fields: [string, FieldValue][], indent = 2, inner = ''): string {
  const pad = ' '.repeat(indent);
  const parts = fields
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${pad}  <${k}>${escapeXml(String(v))}</${k}>\n`);
  return `${pad}<${name}>\n${parts.join('')}${inner}${pad}</${name}>\n`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
