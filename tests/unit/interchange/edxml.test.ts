/**
 * edXML messages written and read: the written file is well formed (checked by an
 * independent parser, Python's expat), in the QCVN namespace with the SDK's prefixes and
 * order, and parses back field for field; the samples of the domain notes read; malicious
 * and malformed messages are refused with a stable code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocumentMessage, buildStatusMessage, parseEdxml } from '../../../src/main/interchange/edxml.js';
import type { EdxmlDocumentMessage, EdxmlStatusMessage } from '../../../src/shared/domain/interchange.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { SHARED_MISSING, sharedDir } from '../helpers/shared.js';
import { badMessages, NS, sampleDocument } from './messages.js';

const python = spawnSync('python3', ['--version']).status === 0;

describe('writing and reading back', () => {
  it('a document message: well formed, QCVN namespace, the SDK prefixes, and every field back', () => {
    const m = sampleDocument();
    const bytes = buildDocumentMessage(m);
    const xml = bytes.toString('utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">')).toBe(true);
    expect(xml).toContain('<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">');
    expect(xml).toContain('<edXML:DocumentId>000.00.00.H48,2026/11/20,1234/UBND-NC</edXML:DocumentId>');
    expect(xml).toContain('<edXML:PromulgationDate>2026/11/20</edXML:PromulgationDate>');
    expect(xml).toContain('<edXML:Timestamp>2026/11/20 09:15:00</edXML:Timestamp>');
    expect(xml).toMatch(/<\/edXML:edXMLEnvelope>\n {2}<AttachmentEncoded>\n {4}<Attachment>\n {6}<ContentId>cid:a1<\/ContentId>/);
    expect(xml).toContain(
      `<edXML:ContentTransferEncoded xmlns:edXML="${NS}">${minimalPdf(100).toString('base64')}</edXML:ContentTransferEncoded>`,
    );
    // SDK order inside MessageHeader.
    const order = [
      'From',
      'To',
      'DocumentId',
      'Code',
      'PromulgationInfo',
      'DocumentType',
      'Subject',
      'Content',
      'SignerInfo',
      'DueDate',
      'OtherInfo',
      'ResponseFor',
      'SteeringType',
      'ToPlaces',
    ];
    const at = order.map((e) => xml.indexOf(`<edXML:${e}>`));
    expect(at.every((p) => p > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(parseEdxml(bytes)).toEqual({
      kind: 'document',
      ...m,
      attachments: m.attachments.map((a) => ({ ...a, bytes: Buffer.from(a.bytes) })),
    });
    if (python) {
      // An independent parser (expat) sees every element of the envelope in the QCVN namespace.
      const out = execFileSync('python3', ['-c', PY_CHECK], { input: bytes }).toString().trim();
      expect(out).toBe('ok');
    }
  });

  it('a large attachment (set aside from the SAX parser) reads back byte for byte; a forged placeholder is only text', () => {
    const big = minimalPdf(300_000, 0x42);
    const m = sampleDocument({ attachments: [{ contentId: 'big', name: 'lon.pdf', contentType: 'application/pdf', bytes: big }] });
    const xml = buildDocumentMessage(m).toString('utf8');
    const read = parseEdxml(Buffer.from(xml)) as EdxmlDocumentMessage;
    expect(Buffer.from(read.attachments[0]!.bytes).equals(big)).toBe(true);
    // The same run inside a comment and a CDATA section changes nothing.
    const b64 = big.toString('base64');
    const decoy = xml.replace(
      '<edXML:edXMLBody>',
      `<!-- <edXML:ContentTransferEncoded>${b64}</edXML:ContentTransferEncoded> --><edXML:edXMLBody>`,
    );
    expect(Buffer.from((parseEdxml(Buffer.from(decoy)) as EdxmlDocumentMessage).attachments[0]!.bytes).equals(big)).toBe(true);
    // Text that looks like a placeholder is refused as the base64 it is not.
    const forged = xml.replace(b64, '\uE000AAAAAAAAAAAA.0\uE000');
    expect(() => parseEdxml(Buffer.from(forged))).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ code: 'edxml_base64' }) }),
    );
    const code = (bytes: Buffer) => {
      try {
        parseEdxml(bytes);
        return 'ok';
      } catch (e) {
        return (e as { error: { code: string } }).error.code;
      }
    };
    // A large run wrapped at 76 characters (as some senders write it) and a byte order mark read the same.
    const wrapped = Buffer.from('\uFEFF' + xml.replace(b64, b64.replace(/.{76}/g, '$&\r\n')));
    expect(wrapped.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(Buffer.from((parseEdxml(wrapped) as EdxmlDocumentMessage).attachments[0]!.bytes).equals(big)).toBe(true);
    // In a large run: '=' before the end, a stray padding quad, a missing character, a byte outside base64.
    expect(code(Buffer.from(xml.replace(b64, b64.slice(0, 5000) + '=' + b64.slice(5001))))).toBe('edxml_base64');
    expect(code(Buffer.from(xml.replace(b64, b64 + '====')))).toBe('edxml_base64');
    expect(code(Buffer.from(xml.replace(b64, b64.slice(1))))).toBe('edxml_base64');
    expect(code(Buffer.from(xml.replace(b64, b64.slice(0, 9000) + '-' + b64.slice(9001))))).toBe('edxml_base64');
    // Bytes that are not UTF-8, in the markup beside a large run and inside it.
    const at = Buffer.from(xml).indexOf(b64);
    const broken = Buffer.from(xml);
    broken[at + 10_000] = 0xc3;
    expect(code(broken)).toBe('edxml_encoding');
    const brokenHeader = Buffer.from(xml);
    brokenHeader[at - 40] = 0xff;
    expect(code(brokenHeader)).toBe('edxml_encoding');
  });

  it('recall, update and replacement messages carry their business part back', () => {
    const update = sampleDocument({
      business: {
        docType: 2,
        documentId: '000.00.00.H48,2026/11/20,1234/UBND-NC',
        reason: 'Cập nhật nơi nhận',
        paper: 1,
        documentInfo: { documentInfo: 0, documentReceiver: 1, receivers: [{ organId: '000.00.02.H48', receiverType: 1 }] },
      },
    });
    expect((parseEdxml(buildDocumentMessage(update)) as EdxmlDocumentMessage).business).toEqual(update.business);
    const replace = sampleDocument({
      business: {
        docType: 3,
        paper: 0,
        replacements: [{ documentId: '000.00.00.H48,2026/11/20,1234/UBND-NC', organIds: ['000.00.01.H48', 'H37.02.02'] }],
      },
    });
    expect((parseEdxml(buildDocumentMessage(replace)) as EdxmlDocumentMessage).business).toEqual(replace.business);
  });

  it('a status message', () => {
    const s: Omit<EdxmlStatusMessage, 'kind'> = {
      from: { organId: '000.00.01.H48', organName: 'Sở Nội vụ tỉnh Quảng Ngãi' },
      responseFor: {
        organId: '000.00.00.H48',
        code: '1234/UBND-NC',
        promulgationDate: '2026-11-20',
        documentId: '000.00.00.H48,2026/11/20,1234/UBND-NC',
      },
      staff: { department: 'Văn phòng Sở', staff: 'Lê Văn D' },
      statusCode: '03',
      description: 'Văn thư: Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
      timestamp: '2026-11-20T10:02:41+07:00',
    };
    const bytes = buildStatusMessage(s);
    expect(bytes.toString()).toContain('<edXML:StatusCode>03</edXML:StatusCode>');
    expect(bytes.toString()).not.toContain('TraceHeaderList');
    expect(parseEdxml(bytes)).toEqual({ kind: 'status', ...s });
  });
});

const PY_CHECK = `
import sys, xml.dom.minidom as m
d = m.parseString(sys.stdin.buffer.read())
NS = '${NS}'
bad = [e.tagName for e in d.getElementsByTagName('*') if e.namespaceURI != NS]
env = d.getElementsByTagNameNS(NS, 'edXMLEnvelope')[0]
unprefixed = [e.tagName for e in env.getElementsByTagName('*') if not e.tagName.startswith('edXML:')]
print('ok' if not bad and not unprefixed else repr((bad, unprefixed)))
`;

const DOMAIN = sharedDir('domain');

describe.skipIf(!DOMAIN)(`the samples of the domain notes ${DOMAIN ? '' : SHARED_MISSING}`, () => {
  const samples = () => [...readFileSync(path.join(DOMAIN!, 'edxml.md'), 'utf8').matchAll(/```xml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('the document sample reads (its truncated base64 replaced by a real PDF); as printed, its «…» is refused', () => {
    const [doc] = samples();
    expect(() => parseEdxml(Buffer.from(doc!))).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ code: 'edxml_base64' }) }),
    );
    const fixed = doc!.replace(/JVBERi0xLjcK…/, minimalPdf().toString('base64'));
    const m = parseEdxml(Buffer.from(fixed)) as EdxmlDocumentMessage;
    expect(m.kind).toBe('document');
    expect(m.header).toMatchObject({
      from: { organId: '000.00.00.H48', organName: 'UBND tỉnh Quảng Ngãi' },
      to: [{ organId: '000.00.01.H48', organName: 'Sở Nội vụ tỉnh Quảng Ngãi' }],
      documentId: '000.00.00.H48,2026/11/20,1234/UBND-NC',
      codeNumber: '1234',
      codeNotation: 'UBND-NC',
      promulgationDate: '2026-11-20',
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject: 'V/v rà soát, báo cáo số liệu công chức năm 2026',
      signer: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Trần Văn B' },
      dueDate: '2026-12-05',
      toPlaces: ['Như trên', 'Lưu: VT, NC'],
    });
    expect(m.business).toMatchObject({ docType: 0, paper: 0 });
    expect(m.traces).toEqual([{ organId: '000.00.00.H48', timestamp: '2026-11-20T09:15:00+07:00' }]);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({
      contentId: '8f2b6c1e-4d0a-4a57-9a4e-2b1f0c7d9e31',
      name: '1234-UBND-NC.signed.pdf',
      contentType: 'application/pdf',
    });
  });

  it('the status sample reads', () => {
    const status = samples()[1]!;
    expect(parseEdxml(Buffer.from(status))).toEqual({
      kind: 'status',
      from: { organId: '000.00.01.H48', organizationInCharge: 'UBND tỉnh Quảng Ngãi', organName: 'Sở Nội vụ tỉnh Quảng Ngãi' },
      responseFor: {
        organId: '000.00.00.H48',
        code: '1234/UBND-NC',
        promulgationDate: '2026-11-20',
        documentId: '000.00.00.H48,2026/11/20,1234/UBND-NC',
      },
      staff: { department: 'Văn phòng Sở', staff: 'Lê Văn D' },
      statusCode: '03',
      description: 'Văn thư: Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
      timestamp: '2026-11-20T10:02:41+07:00',
    });
  });
});

describe('refused messages', () => {
  for (const m of badMessages()) {
    it(`${m.name}: ${m.code}`, () => {
      expect(() => parseEdxml(m.bytes)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: m.code }) }));
    });
  }

  it('too large, too many attachments, an attachment larger than allowed', () => {
    const bytes = buildDocumentMessage(sampleDocument());
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { error: { code: string } }).error.code;
      }
      return 'accepted';
    };
    expect(code(() => parseEdxml(bytes, { maxBytes: 1000, maxAttachments: 50, maxAttachmentBytes: 1e6 }))).toBe('edxml_too_large');
    expect(code(() => parseEdxml(bytes, { maxBytes: 1e6, maxAttachments: 1, maxAttachmentBytes: 1e6 }))).toBe('edxml_too_many_attachments');
    expect(code(() => parseEdxml(bytes, { maxBytes: 1e6, maxAttachments: 50, maxAttachmentBytes: 100 }))).toBe(
      'edxml_attachment_too_large',
    );
  });
});
