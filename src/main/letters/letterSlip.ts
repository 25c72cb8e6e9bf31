/**
 * The slips a letter's outcome sends out, laid out as Decree-30 documents by the outgoing
 * renderer: the "phiếu chuyển đơn" to the competent body (TT 05/2021 Mẫu 03 for a
 * denunciation) and the guidance to the citizen ("hướng dẫn", a công văn to the writer).
 *
 * A denunciation's author is never on a transfer slip: the body receiving it may be the one
 * denounced, and the law (Luật Tố cáo Đ8.3, Đ47, Đ56) asks that the name, address and
 * handwriting be kept apart and handed over under the secrecy regime. Other slips name the
 * writer only for readers who may see senders; a guidance slip is addressed to the writer,
 * so it needs that right.
 */
import { LETTER_KIND_LABELS, type LetterRecord, type LetterSender } from '../../shared/domain/letters.js';
import type { OutgoingRecord } from '../../shared/domain/outgoing.js';
import { AppFailure } from '../../shared/result.js';
import { formatDateVN, toVnIso, vnDate, vnYear } from '../../shared/text/dates.js';
import { orgDetails, renderOutgoing } from '../outgoing/outgoingPdf.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/ports.js';
import type { LetterActor, LetterService } from './letterService.js';

export type SlipKind = 'transfer' | 'guidance';

function fail(code: string, field: string, message: string): never {
  throw new AppFailure({ code, field, message });
}

function people(senders: LetterSender[], anonymous: boolean): string {
  if (anonymous || senders.length === 0) return 'người không ghi rõ họ tên, địa chỉ (đơn nặc danh)';
  const first = senders.find((s) => s.representative) ?? senders[0]!;
  const who = `ông (bà) ${first.fullName}${first.address ? `, địa chỉ: ${first.address}` : ''}`;
  return senders.length > 1 ? `${who} và ${senders.length - 1} người khác cùng ký đơn` : who;
}

const lowerKind = (l: LetterRecord) => LETTER_KIND_LABELS[l.kind].toLocaleLowerCase('vi');

export function slipContent(
  l: LetterRecord,
  kind: SlipKind,
  org: string,
): Pick<OutgoingRecord, 'typeName' | 'subject' | 'kinhGui' | 'body'> {
  const received = formatDateVN(l.receivedDate);
  const content = l.summary ?? l.subject;
  if (kind === 'transfer') {
    if (l.outcome !== 'transferred' && !(l.status === 'answered' && l.transferOrganId))
      fail('wrong_status', 'id', `Đơn số ${l.number}/${l.year} chưa được chuyển; phiếu chuyển đơn chỉ in cho đơn đã chuyển.`);
    const denunciation = l.kind === 'denunciation';
    if (!denunciation && l.senders === null && l.senderCount > 0)
      fail('forbidden', 'id', 'Tài khoản không được xem thông tin người đứng đơn; không lập được phiếu chuyển đơn.');
    const writer = denunciation
      ? 'công dân (thông tin về người tố cáo được giữ bí mật theo khoản 3 Điều 8 và Điều 47 Luật Tố cáo)'
      : people(l.senders ?? [], l.anonymous);
    const body = [
      { text: `Ngày ${received}, ${org} nhận được đơn ${lowerKind(l)} của ${writer}.` },
      { text: `Nội dung đơn: ${content.replace(/[.\s]+$/, '')}.` },
      {
        text:
          `Căn cứ quy định của pháp luật về tiếp công dân, khiếu nại, tố cáo và xử lý đơn, ${org} chuyển đơn đến ${l.transferOrganName} ` +
          `để xem xét, giải quyết theo thẩm quyền và thông báo kết quả cho ${org} biết để theo dõi.`,
      },
    ];
    if (denunciation)
      body.push({
        text: `Đề nghị ${l.transferOrganName} thực hiện việc bảo vệ, giữ bí mật thông tin của người tố cáo theo quy định của pháp luật./.`,
      });
    else body[2]!.text += '/.';
    return {
      typeName: 'Phiếu chuyển',
      subject: denunciation ? 'V/v chuyển đơn tố cáo' : `V/v chuyển đơn ${lowerKind(l)}`,
      kinhGui: [l.transferOrganName!],
      body,
    };
  }
  if (l.outcome !== 'guided')
    fail('wrong_status', 'id', `Đơn số ${l.number}/${l.year} chưa được hướng dẫn; phiếu hướng dẫn chỉ in cho đơn đã hướng dẫn.`);
  if (l.senders === null && l.senderCount > 0)
    fail(
      'forbidden',
      'id',
      l.kind === 'denunciation'
        ? 'Phiếu hướng dẫn gửi người tố cáo: cần quyền xem danh tính người tố cáo.'
        : 'Tài khoản không được xem thông tin người đứng đơn; không lập được phiếu hướng dẫn.',
    );
  if (l.anonymous || !l.senders?.length) fail('no_recipient', 'id', 'Đơn nặc danh: không có người nhận phiếu hướng dẫn.');
  const first = l.senders.find((s) => s.representative) ?? l.senders[0]!;
  return {
    typeName: 'Công văn',
    subject: 'V/v hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền',
    kinhGui: [`Ông (bà) ${first.fullName}${first.address ? ` (địa chỉ: ${first.address})` : ''}`],
    body: [
      { text: `Ngày ${received}, ${org} nhận được đơn ${lowerKind(l)} của ông (bà) với nội dung: ${content.replace(/[.\s]+$/, '')}.` },
      {
        text:
          `Nội dung đơn không thuộc thẩm quyền giải quyết của ${org}. Căn cứ quy định của pháp luật về tiếp công dân, khiếu nại, tố cáo ` +
          `và xử lý đơn, ${org} hướng dẫn ông (bà) gửi đơn đến ${l.guidedTo} để được xem xét, giải quyết theo thẩm quyền.`,
      },
      ...(l.outcomeNote ? [{ text: l.outcomeNote.replace(/[.\s]+$/, '') + '.' }] : []),
      { text: `${org} thông báo để ông (bà) biết và thực hiện./.` },
    ],
  };
}

/** The letter service (reads as the reader may see), the store (the organisation), the clock. */
export interface SlipDeps {
  letters: Pick<LetterService, 'get' | 'settings'>;
  store: Store;
  clock: Clock;
}

export async function buildLetterSlip(
  services: SlipDeps,
  id: number,
  kind: SlipKind,
  who: LetterActor,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const letter = await services.letters.get(id, who);
  const settings = await services.letters.settings();
  const org = await services.store.read((r) => orgDetails(r));
  const content = slipContent(letter, kind, capitalised(org.orgName));
  const now = services.clock();
  const doc: OutgoingRecord = {
    ...content,
    recipients: kind === 'transfer' ? ['Như trên'] : [],
    signerAuthority: settings.slipSigner.authority,
    signerPosition: settings.slipSigner.position,
    signerName: settings.slipSigner.name,
    draftingUnit: settings.draftingUnit,
    urgency: 'normal',
    secrecy: 'normal',
    copies: null,
    dueDate: null,
    replyTo: [],
    id: 0,
    register: '',
    year: null,
    codeNumber: null,
    // The slip's number, when the clerk recorded it with the outcome ("15/PC-BTCD").
    symbol: letter.outcomeRef,
    issuedDate: letter.outcomeAt ? letter.outcomeAt.slice(0, 10) : vnDate(now),
    status: 'draft',
    files: [],
    attachments: [],
    createdAt: toVnIso(now),
    updatedAt: toVnIso(now),
  };
  const out = await renderOutgoing(doc, org, vnYear(now), { watermark: false, numbered: letter.outcomeRef !== null });
  return { fileName: `phieu-${kind === 'transfer' ? 'chuyen-don' : 'huong-dan'}-${letter.number}-${letter.year}.pdf`, bytes: out.bytes };
}

/** "Ủy ban nhân dân tỉnh Quảng Ngãi" as written inside a sentence. */
function capitalised(name: string): string {
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}
