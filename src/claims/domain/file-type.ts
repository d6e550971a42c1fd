/**
 * What a claim document really is, from its first bytes rather than its name or declared type: invoices
 * and receipts arrive as PDF, OFD (the national e-invoice format, a ZIP holding OFD.xml) or a photo.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentMediaType = 'application/pdf' | 'application/ofd' | 'image/jpeg' | 'image/png';

export const ALLOWED_MEDIA_LABEL = 'PDF、OFD、JPEG、PNG';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

export function sniffMediaType(content: Buffer): AttachmentMediaType | null {
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.length >= 8 && content.subarray(0, 8).equals(PNG)) return 'image/png';
  if (content.length >= 4 && content.subarray(0, 4).equals(ZIP_LOCAL) && zipHasEntry(content, 'OFD.xml')) return 'application/ofd';
  return null;
}

/** An OFD package names OFD.xml at its root; looked up in the ZIP's central directory entries. */
function zipHasEntry(zip: Buffer, name: string): boolean {
  for (let at = zip.indexOf(ZIP_CENTRAL); at >= 0 && at + 46 <= zip.length; at = zip.indexOf(ZIP_CENTRAL, at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entry === name || entry === `/${name}`) return true;
  }
  return false;
}
