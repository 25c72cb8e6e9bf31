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

const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d7e1f70000000049454e44ae426082',
  'hex',
);

export function sampleDocument(over: Partial<EdxmlDocumentMessage> = {}): Omit<EdxmlDocumentMessage, 'kind'> {
  return {
    header: {
      from: {
        organId: '000.00.00.H48',
        organizationInCharge: 'UBND tỉnh Quảng Ngãi',
        organName: 'UBND tỉnh Quảng Ngãi',
        organAdd: '52 Hùng Vương',
        email: 'vanthu@quangngai.gov.vn',
      },
      to: [{ organId: '000.00.01.H48', organName: 'Sở Nội vụ tỉnh Quảng Ngãi' }],
      documentId: '000.00.00.H48,2026/11/20,1234/UBND-NC',
      codeNumber: '1234',
      codeNotation: 'UBND-NC',
      place: 'Quảng Ngãi',
      promulgationDate: '2026-11-20',
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject: 'V/v rà soát, báo cáo số liệu công chức năm 2026 & <kế hoạch> "2027"',
      content: 'Đề nghị Sở Nội vụ rà soát.',
      signer: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Trần Văn B' },
      dueDate: '2026-12-05',
      otherInfo: {
        priority: 1,
        sphereOfPromulgation: 'Liên thông văn bản',
        typerNotation: 'NC',
        promulgationAmount: 3,
        pageAmount: 2,
        appendixes: ['Phụ lục I'],
      },
      responseFor: [
        {
          organId: '000.00.01.H48',
          code: '12/SNV-TCBC',
          promulgationDate: '2026-11-01',
          documentId: '000.00.01.H48,2026/11/01,12/SNV-TCBC',
        },
      ],
      steeringType: 0,
      toPlaces: ['Như trên', 'Lưu: VT, NC'],
    },
    traces: [{ organId: '000.00.00.H48', timestamp: '2026-11-20T09:15:00+07:00' }],
    business: {
      docType: 0,
      reason: 'Văn bản điện tử mới',
      paper: 0,
      staff: [{ department: 'Văn phòng UBND tỉnh', staff: 'Nguyễn Thị C' }],
    },
    attachments: [
      {
        contentId: 'a1',
        name: '1234-UBND-NC.signed.pdf',
        description: 'Công văn (bản ký số)',
        contentType: 'application/pdf',
        bytes: minimalPdf(100),
      },
      { contentId: 'a2', name: 'so-do.png', contentType: 'image/png', bytes: PNG },
    ],
    ...over,
  };
}

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

/** Malicious and malformed messages, each refused with its code. */
export function badMessages(): { name: string; code: string; bytes: Buffer }[] {
  const good = buildDocumentMessage(sampleDocument()).toString('utf8');
  const b = (s: string) => Buffer.from(s, 'utf8');
  const withDoctype = (dtd: string) => good.replace('<edXML xmlns', `${dtd}\n<edXML xmlns`);
  const lol = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`),
  ].join('');
  const pdf64 = minimalPdf(100).toString('base64');
  return [
    {
      name: 'XXE (external entity)',
      code: 'edxml_dtd',
      bytes: b(withDoctype('<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('Đề nghị Sở Nội vụ rà soát.', '&xxe;')),
    },
    {
      name: 'billion laughs',
      code: 'edxml_dtd',
      bytes: b(withDoctype(`<!DOCTYPE edXML [${lol}]>`).replace('Đề nghị Sở Nội vụ rà soát.', '&lol9;')),
    },
    { name: 'an undeclared entity', code: 'edxml_malformed', bytes: b(good.replace('Đề nghị Sở Nội vụ rà soát.', '&xxe;')) },
    { name: 'wrong namespace', code: 'edxml_namespace', bytes: b(good.replaceAll(NS, 'http://example.com/edxml')) },
    {
      name: 'an element outside the namespace',
      code: 'edxml_namespace',
      bytes: b(good.replace('<edXML:Subject>', '<x:Subject xmlns:x="urn:x">').replace('</edXML:Subject>', '</x:Subject>')),
    },
    { name: 'no Subject', code: 'edxml_missing_element', bytes: b(good.replace(/<edXML:Subject>.*<\/edXML:Subject>/, '')) },
    { name: 'no DocumentId', code: 'edxml_missing_element', bytes: b(good.replace(/<edXML:DocumentId>.*<\/edXML:DocumentId>/, '')) },
    {
      name: 'a bad date',
      code: 'edxml_invalid_value',
      bytes: b(good.replace('2026/11/20</edXML:PromulgationDate>', '2026/02/30</edXML:PromulgationDate>')),
    },
    { name: 'broken base64', code: 'edxml_base64', bytes: b(good.replace(pdf64, pdf64.slice(0, 40) + '!!!' + pdf64.slice(43))) },
    { name: 'a PNG declared as PDF', code: 'edxml_attachment_type_mismatch', bytes: b(good.replace(pdf64, PNG.toString('base64'))) },
    {
      name: 'an executable declared as PDF',
      code: 'edxml_attachment_type_mismatch',
      bytes: b(good.replace(pdf64, Buffer.from('MZ\x90\0\x03\0\0\0').toString('base64'))),
    },
    { name: 'not XML', code: 'edxml_malformed', bytes: b('%PDF-1.4 this is not a message') },
    { name: 'truncated', code: 'edxml_malformed', bytes: b(good.slice(0, 2000)) },
    {
      name: 'not UTF-8',
      code: 'edxml_encoding',
      bytes: Buffer.concat([b(good.slice(0, 500)), Buffer.from([0xc3, 0x28]), b(good.slice(500))]),
    },
    {
      name: 'deep nesting',
      code: 'edxml_too_complex',
      bytes: b(good.replace('<edXML:Content>', '<edXML:Content>' + '<edXML:x>'.repeat(50) + '</edXML:x>'.repeat(50))),
    },
    {
      name: 'a processing instruction',
      code: 'edxml_malformed',
      bytes: b(good.replace('<edXML:Subject>', '<?php system("id"); ?><edXML:Subject>')),
    },
    { name: 'not edXML', code: 'edxml_not_edxml', bytes: b(`<?xml version="1.0"?><html xmlns="${NS}"/>`) },
    {
      name: 'a status with an unknown code',
      code: 'edxml_invalid_value',
      bytes: buildStatusMessage({
        from: { organId: '000.00.01.H48' },
        responseFor: { organId: '000.00.00.H48', code: '1/X', documentId: 'a,b,c' },
        statusCode: '99' as '01',
        timestamp: '2026-11-20T10:02:41+07:00',
      }),
    },
  ];
}

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
