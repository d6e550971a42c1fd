import { sniffMediaType } from './file-type';

/** A minimal ZIP: one local header and one central-directory entry naming `name`. */
function zip(name: string): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(n.length, 28);
  return Buffer.concat([local, n, central, n]);
}

describe('document type by content', () => {
  it('knows PDF, JPEG, PNG and OFD by their bytes, not their names', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(zip('OFD.xml'))).toBe('application/ofd');
  });

  it('refuses anything else: text, a ZIP that is not an OFD, a truncated header', () => {
    expect(sniffMediaType(Buffer.from('hello.pdf'))).toBeNull();
    expect(sniffMediaType(zip('word/document.xml'))).toBeNull();
    expect(sniffMediaType(Buffer.from('%PD'))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
