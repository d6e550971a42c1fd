import { SaxesParser } from 'saxes';
import { XmlNode } from './domain/gbt-import.rules';
import { InterchangeError } from './interchange.errors';

/**
 * A whole XML file as a tree of elements (the import reads files up to the upload limit, 10 MB). No DTD, no
 * entities beyond XML's five: a DOCTYPE is refused, so nothing outside the file is ever read.
 */
export function parseXml(fileName: string, text: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let failure: string | undefined;
  parser.on('doctype', () => {
    failure ??= '不接受 DOCTYPE 声明';
  });
  parser.on('opentag', (tag) => {
    // other software's files may put the standard's elements in a namespace (gb:科目 or a default xmlns): the
    // local name is what the import reads
    const node: XmlNode = { name: tag.name.slice(tag.name.indexOf(':') + 1), text: '', children: [], line: parser.line };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    failure ??= e.message;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= (err as Error).message;
  }
  if (failure || !root) {
    throw new InterchangeError('INTERCHANGE_FILE_INVALID', `${fileName} 不是格式正确的 XML 文件：${failure ?? '没有内容'}`, { file: fileName });
  }
  return root;
}
