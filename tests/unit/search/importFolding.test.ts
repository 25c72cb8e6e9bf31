/**
 * An import folds the sender, type and signer of each row through a memo (the same values
 * come back row after row) and looks at a value's words only the first time it is met. The
 * rows' search texts — folded fields and the new words each row sends — must be exactly what
 * folding every row in full gives.
 */
import { describe, expect, it } from 'vitest';
import { ImportFolding, importSearchTextOf, searchTextOf } from '../../../src/main/search/searchText.js';

const rows = [
  {
    subject: 'Về việc phân bổ ngân sách',
    organName: 'Sở Tài chính',
    symbol: '12/QĐ-STC',
    signerName: 'Đặng Văn An',
    description: null,
    typeName: 'Quyết định',
  },
  // The same sender and signer again, with a new word in the subject.
  {
    subject: 'Về việc quyết toán ngân sách',
    organName: 'Sở Tài chính',
    symbol: '13/QĐ-STC',
    signerName: 'Đặng Văn An',
    description: null,
    typeName: 'Quyết định',
  },
  // A new sender sharing a word with the first ("sở"), no symbol, no signer, a description.
  { subject: 'Báo cáo tháng', organName: 'Sở Nội vụ', symbol: null, signerName: null, description: 'Kèm phụ lục', typeName: 'Báo cáo' },
  // A signer first met here whose words were all sent already, then the first sender once more.
  {
    subject: 'Về việc tăng cường',
    organName: 'Sở Tài chính',
    symbol: '1/CV',
    signerName: 'An Văn Đặng',
    description: 'Ghi chú',
    typeName: 'Công văn',
  },
  {
    subject: 'Về việc tăng cường',
    organName: 'ĐOÀN THANH NIÊN',
    symbol: '2/CV',
    signerName: 'Đặng Văn An',
    description: null,
    typeName: 'Công văn',
  },
];

describe("an import's search text", () => {
  it('is, row by row, what folding each row in full gives, with the same new words in the same order', () => {
    const seen = new Set<string>();
    const memo = new ImportFolding();
    const got = rows.map((r) => importSearchTextOf(r, true, memo));
    expect(got).toEqual(rows.map((r) => searchTextOf(r, true, seen)));
    // The words are sent once: the second row sends only those of its subject and symbol not sent before.
    expect(got[1]!.words).toEqual(['quyet', 'toan', '13']);
    expect(got[3]!.words).toEqual(['tang', 'cuong', '1', 'cv', 'ghi', 'chu']);
    expect(got[4]!.signer).toBe('dang van an');
    expect(got[4]!.organ).toBe('doan thanh nien');
  });

  it('sends no words where the store wants none', () => {
    const memo = new ImportFolding();
    expect(rows.map((r) => importSearchTextOf(r, false, memo))).toEqual(rows.map((r) => searchTextOf(r, false)));
  });
});
