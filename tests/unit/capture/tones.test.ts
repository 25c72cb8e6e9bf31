/**
 * Tone correction by known word pairs (src/main/capture/tones.ts): a tone OCR misread on a
 * bold subject line is put right only where the pair says so, and a correct word — even a rare
 * one the vocabulary does not know — is left as it is.
 */
import { describe, expect, it } from 'vitest';
import { suggestFields } from '../../../src/main/capture/fields.js';
import { ToneModel, toneless } from '../../../src/main/capture/tones.js';
import { ADMIN_VOCABULARY } from '../../../src/main/capture/vocabulary.js';
import type { TextLine } from '../../../src/shared/domain/capture.js';
import { DOCUMENT_TYPES } from '../../../src/shared/domain/documentTypes.js';

const model = new ToneModel(ADMIN_VOCABULARY);
/** The field reader's model: the vocabulary with the names of types (the organ and title words are in fields.ts). */
const toneModelForTest = () => new ToneModel([...ADMIN_VOCABULARY, ...DOCUMENT_TYPES.map((t) => t.name)]);

/** An OCR line at these page fractions. */
const line = (text: string, x0: number, y0: number, x1: number): TextLine => ({ text, x0, y0, x1, y1: y0 + 0.016, confidence: 90 });
/** A decision's first page as OCR reads it, with this subject line. */
const decisionPage = (subject: string) => ({
  pageCount: 1,
  pages: [
    {
      page: 1,
      method: 'ocr' as const,
      confidence: 90,
      text: '',
      lines: [
        line('ỦY BAN NHÂN DÂN', 0.16, 0.066, 0.44),
        line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 0.483, 0.066, 0.903),
        line('TỈNH QUẢNG NGÃI', 0.2, 0.083, 0.4),
        line('Độc lập - Tự do - Hạnh phúc', 0.559, 0.083, 0.827),
        line('Số: 12/QĐ-UBND', 0.2, 0.125, 0.4),
        line('Quảng Ngãi, ngày 05 tháng 01 năm 2026', 0.525, 0.125, 0.86),
        line('QUYẾT ĐỊNH', 0.46, 0.16, 0.6),
        line(subject, 0.53 - subject.length * 0.006, 0.178, 0.53 + subject.length * 0.006),
        line('Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', 0.12, 0.23, 0.93),
      ],
    },
  ],
});

describe('tone correction by word pairs', () => {
  it('toneless keeps the letters and drops only the tone', () => {
    expect(toneless('chuyển')).toBe('chuyên');
    expect(toneless('đẩy')).toBe('đây');
    expect(toneless('Tổ')).toBe('Tô');
    expect(toneless('nghiệp')).toBe('nghiêp');
  });

  it('puts right a hook read as an acute where the pair is a known word', () => {
    expect(model.correct('Kiện toàn Ban Chỉ đạo chuyến đổi số của tỉnh')).toBe('Kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh');
    expect(model.correct('Về đấy mạnh cải cách thủ tục hành chính')).toBe('Về đẩy mạnh cải cách thủ tục hành chính');
    expect(model.correct('Về tố chức Hội nghị tổng kết')).toBe('Về tổ chức Hội nghị tổng kết');
  });

  it('puts right two misread syllables of one word together', () => {
    expect(model.correct('Ban Chỉ đạo chuyến đối số của tỉnh')).toBe('Ban Chỉ đạo chuyển đổi số của tỉnh');
  });

  it('keeps the case of the word it corrects', () => {
    expect(model.correct('VỀ TỐ CHỨC HỘI NGHỊ')).toBe('VỀ TỔ CHỨC HỘI NGHỊ');
    expect(model.correct('Tố chức hội nghị')).toBe('Tổ chức hội nghị');
  });

  it('never touches a word that makes a known pair as read', () => {
    expect(model.correct('Giải quyết khiếu nại, tố cáo của công dân')).toBe('Giải quyết khiếu nại, tố cáo của công dân');
    expect(model.correct('Về chuyến công tác của đoàn')).toBe('Về chuyến công tác của đoàn');
    expect(model.correct('Về chuyển công tác đối với cán bộ')).toBe('Về chuyển công tác đối với cán bộ');
  });

  it('leaves a word alone when no variant makes a known pair (names, rare words)', () => {
    expect(model.correct('Về chuyến bay của đoàn')).toBe('Về chuyến bay của đoàn');
    expect(model.correct('Đấy là ý kiến của ông Tố')).toBe('Đấy là ý kiến của ông Tố');
  });

  it('does not pair words across punctuation', () => {
    // "tố" after a comma has no left neighbour; "tố, chức" is not the pair "tổ chức".
    expect(model.correct('Về việc tố, chức vụ')).toBe('Về việc tố, chức vụ');
  });

  it('leaves two equally good readings as read', () => {
    const m = new ToneModel(['bà ba', 'bá ba']);
    expect(m.correct('bả ba')).toBe('bả ba');
    expect(new ToneModel(['bà ba']).correct('bả ba')).toBe('bà ba');
  });

  it('learns pairs from the office’s own names', () => {
    const m = model.with(['Ban Quản lý rừng phòng hộ Thạch Nham']);
    expect(model.correct('Về việc quản lý rừng phòng hộ Thạch Nhảm')).toBe('Về việc quản lý rừng phòng hộ Thạch Nhảm');
    expect(m.correct('Về việc quản lý rừng phòng hộ Thạch Nhảm')).toBe('Về việc quản lý rừng phòng hộ Thạch Nham');
  });

  it('the field reader corrects the subject and keeps a correct one as it is', () => {
    expect(suggestFields(decisionPage('Về việc tố chức Hội nghị tổng kết')).subject?.value).toBe('Về việc tổ chức Hội nghị tổng kết');
    expect(suggestFields(decisionPage('Về việc chuyến bay của đoàn')).subject?.value).toBe('Về việc chuyến bay của đoàn');
  });

  it('the field reader learns the office’s organ names, and a changed list of names is learnt again', () => {
    const misread = 'Về việc giao rừng phòng hộ Thạch Nhảm';
    const read = 'Về việc giao rừng phòng hộ Thạch Nham';
    const organs = (...names: string[]) => ({ knownOrgans: names.map((name) => ({ name, source: 'register' as const })) });
    const others = organs('Sở Tài chính', 'Sở Nội vụ');
    const withNham = organs('Sở Tài chính', 'Sở Nội vụ', 'Ban Quản lý rừng phòng hộ Thạch Nham');
    // Each answer as a fresh model would give it, whatever list came before (the model is kept per list).
    expect(suggestFields(decisionPage(misread), others).subject?.value).toBe(misread);
    expect(suggestFields(decisionPage(misread), others).subject?.value).toBe(misread);
    expect(suggestFields(decisionPage(misread), withNham).subject?.value).toBe(read);
    expect(suggestFields(decisionPage(misread), withNham).subject?.value).toBe(read);
    // A list equal in content but another array (as each capture reads it afresh) is the same list.
    expect(
      suggestFields(decisionPage(misread), organs('Sở Tài chính', 'Sở Nội vụ', 'Ban Quản lý rừng phòng hộ Thạch Nham')).subject?.value,
    ).toBe(read);
    expect(suggestFields(decisionPage(misread), others).subject?.value).toBe(misread);
    expect(suggestFields(decisionPage(misread)).subject?.value).toBe(misread);
    expect(suggestFields(decisionPage(misread), withNham).subject?.value).toBe(read);
    // The kept model is not changed by a list that differs only in its last name.
    expect(suggestFields(decisionPage(misread), organs('Sở Tài chính', 'Sở Nội vụ', 'Ban Quản lý rừng')).subject?.value).toBe(misread);
  });
});

describe('tone correction on correct Vietnamese', () => {
  it('changes nothing in the app’s own Vietnamese (every string of its screens and messages)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(__dirname, '../../../src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !p.includes(`${path.sep}capture${path.sep}`)) files.push(p);
      }
    };
    walk(path.join(root, 'renderer'));
    walk(path.join(root, 'shared'));
    walk(path.join(root, 'main'));
    const strings = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(f, 'utf8').matchAll(/'([^'\n]{6,})'|`([^`\n]{6,})`|"([^"\n]{6,})"/g)) {
        const s = m[1] ?? m[2] ?? m[3]!;
        if (/[ăâêôơưđàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/iu.test(s)) strings.add(s.normalize('NFC'));
      }
    expect(strings.size).toBeGreaterThan(1000);
    const model = toneModelForTest();
    // Words written without marks on purpose (folded search examples: "so tai chinh") are not Vietnamese as written.
    const changed = [...strings]
      .filter((s) => {
        const [a, b] = [s.split(/(\p{L}+)/u), model.correct(s).split(/(\p{L}+)/u)];
        return a.some((w, i) => w !== b[i] && /[^\x00-\x7f]/.test(w));
      })
      .map((s) => `${s} → ${model.correct(s)}`);
    expect(changed).toEqual([]);
  });
});
