/**
 * A hardened reader for XML from outside the office (edXML messages): the bytes must be
 * UTF-8; a DOCTYPE is refused outright (so no DTD, no entity declarations, no external
 * entities, no billion laughs); only the five predefined entities and character references
 * are read; size, depth, element count and text length are bounded. Built on saxes (a
 * maintained, spec-conformant, non-validating SAX parser that never fetches anything and
 * never expands DTD entities), into a small element tree the edXML reader walks.
 */
import { isUtf8 } from 'node:buffer';
import { SaxesParser } from 'saxes';
import { AppFailure } from '../../shared/result.js';

export interface XNode {
  /** Local name. */
  name: string;
  /** Namespace URI ('' when none). */
  uri: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** The element's own text (concatenated, untrimmed). */
  text: string;
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
  /** Characters of text in one element, except in the elements named in `bulkText`. */
  maxText: number;
  /** Elements whose text may be as long as the message allows (base64 attachments). */
  bulkText: ReadonlySet<string>;
}

export function xmlFailure(code: string, message: string, details?: Record<string, unknown>): AppFailure {
  return new AppFailure({ code, field: 'file', message, ...(details ? { details } : {}) });
}

/** Parses bytes into a tree, or throws a coded AppFailure (edxml_*). Nothing else is touched. */
export function readXml(bytes: Uint8Array, limits: XmlLimits): XNode {
  return readXmlText(decodeXml(bytes, limits), limits);
}

/**
 * Checks bytes as a message's text: bounded in size, strictly UTF-8 (as a fatal TextDecoder
 * would; Node's isUtf8 validates without building a string, many times faster on megabytes).
 * Returns the offset where the text starts (after a UTF-8 byte order mark, which a
 * TextDecoder drops too).
 */
export function checkXmlBytes(bytes: Uint8Array, limits: Pick<XmlLimits, 'maxBytes'>): number {
  if (bytes.byteLength > limits.maxBytes) {
    throw xmlFailure('edxml_too_large', `Gói tin quá lớn (${bytes.byteLength} byte; tối đa ${limits.maxBytes}).`);
  }
  if (!isUtf8(bytes)) throw xmlFailure('edxml_encoding', 'Gói tin không phải văn bản UTF-8 hợp lệ.');
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** The bytes as text: bounded in size, strictly UTF-8. */
export function decodeXml(bytes: Uint8Array, limits: Pick<XmlLimits, 'maxBytes'>): string {
  const start = checkXmlBytes(bytes, limits);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start);
}

export function readXmlText(text: string, limits: XmlLimits): XNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XNode[] = [];
  let root: XNode | null = null;
  let elements = 0;
  let failure: AppFailure | null = null;
  const stop = (f: AppFailure): never => {
    failure ??= f;
    throw f;
  };
  parser.on('xmldecl', (d) => {
    if (d.encoding && d.encoding.toLowerCase().replace('_', '-') !== 'utf-8') {
      stop(xmlFailure('edxml_encoding', `Gói tin khai báo mã hóa «${d.encoding}»; chỉ nhận UTF-8.`));
    }
  });
  parser.on('doctype', () =>
    stop(xmlFailure('edxml_dtd', 'Gói tin có khai báo DOCTYPE/DTD (có thể chứa thực thể ngoài); không xử lý gói tin như vậy.')),
  );
  parser.on('processinginstruction', () => stop(xmlFailure('edxml_malformed', 'Gói tin có chỉ thị xử lý (processing instruction) lạ.')));
  parser.on('opentag', (t) => {
    if (++elements > limits.maxElements)
      stop(xmlFailure('edxml_too_complex', `Gói tin có quá nhiều phần tử (tối đa ${limits.maxElements}).`));
    if (stack.length >= limits.maxDepth) stop(xmlFailure('edxml_too_complex', `Gói tin lồng quá sâu (tối đa ${limits.maxDepth} cấp).`));
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
    const node: XNode = { name: t.local, uri: t.uri, attrs, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  const onText = (s: string) => {
    const node = stack.at(-1);
    if (!node) return;
    if (!limits.bulkText.has(node.name) && node.text.length + s.length > limits.maxText) {
      stop(xmlFailure('edxml_too_complex', `Nội dung phần tử «${node.name}» quá dài (tối đa ${limits.maxText} ký tự).`));
    }
    node.text += s;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => stop(xmlFailure('edxml_malformed', `Gói tin không đúng cú pháp XML: ${e.message}`)));
  try {
    parser.write(text).close();
  } catch (e) {
    if (failure) throw failure;
    throw xmlFailure('edxml_malformed', `Gói tin không đúng cú pháp XML: ${(e as Error).message}`);
  }
  if (!root) throw xmlFailure('edxml_malformed', 'Gói tin rỗng.');
  return root;
}

/** Children with a local name. */
export const kids = (n: XNode, name: string): XNode[] => n.children.filter((c) => c.name === name);
export const kid = (n: XNode | undefined, name: string): XNode | undefined => n?.children.find((c) => c.name === name);
