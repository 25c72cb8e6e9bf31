/** edXML messages for the interchange tests: a full document message, and a battery of bad ones. */
import { buildDocumentMessage, buildStatusMessage } from '../../../src/main/interchange/edxml.js';
import type { EdxmlDocumentMessage } from '../../../src/shared/domain/interchange.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';

export const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const PNG = Buffer.from(
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
