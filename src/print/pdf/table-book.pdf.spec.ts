import { PassThrough } from 'node:stream';
import { pdfContent, pdfText } from '../../../test/support/pdf-text';
import { PdfTableBook } from './table-book.pdf';

async function render(write: (book: PdfTableBook) => Promise<void>): Promise<{ pdf: Buffer; pages: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new PdfTableBook(out, { title: 't', author: 'a' }, 'Asia/Shanghai');
  await write(book);
  const pages = await book.close();
  return { pdf: Buffer.concat(chunks), pages };
}

describe('PDF books', () => {
  it('repeats title and header on every page and numbers the pages per sheet', async () => {
    const { pdf, pages } = await render(async (book) => {
      const cols = [
        { header: '科目编码', width: 10, type: 'text' as const },
        { header: '借方金额', width: 15, type: 'money' as const },
      ];
      const a = book.sheet({ name: '甲', title: '甲账', subtitle: '单位：某工会', columns: cols });
      for (let i = 0; i < 70; i++) await a.add([`A${String(i).padStart(3, '0')}`, i === 5 ? -12.5 : i === 6 ? 0 : 1000 + i]);
      await a.end();
      const b = book.sheet({ name: '乙', title: '乙表', subtitle: '单位：某工会', columns: cols });
      await b.add(['合计', 1234567.89], { bold: true });
      await b.end();
    });
    const { text } = await pdfText(pdf);
    expect(pages).toBe(4);
    for (const s of ['甲账    第 1 页 共 3 页', '甲账    第 3 页 共 3 页', '乙表    第 1 页 共 1 页', '1,234,567.89', '1,069.00', '-12.50']) expect(text).toContain(s);
    expect(text.match(/借方金额/g)).toHaveLength(4);
    // rows in order, none lost across the page breaks
    const codes = text.match(/A\d{3}/g)!;
    expect(codes).toEqual(Array.from({ length: 70 }, (_, i) => `A${String(i).padStart(3, '0')}`));
    // a zero amount is blank, as in the workbook; the negative one red
    expect(text).not.toMatch(/A0061?0\.00/);
    expect(pdfContent(pdf)).toMatch(/0\.815686\d* 0 0 scn/);
  });
});
