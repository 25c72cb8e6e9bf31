/**
 * `vanthu ocr` and `vanthu capture` as a clerk's script runs them (the built CLI in a child
 * process): the text of an electronic PDF per page, the fields suggested from it, and coded
 * refusals of bad files that leave the database untouched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSpec } from '../../support/capture/render.js';
import { specs } from '../../fixtures/capture/testSet.js';
import type { DocSpec } from '../../support/capture/corpus.js';
import { cli } from '../cliHelpers.js';

let dir: string;
let spec: DocSpec;
let pdfFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-capture-cli-'));
  spec = specs(1)[0]!;
  pdfFile = path.join(dir, 'cong-van.pdf');
  writeFileSync(pdfFile, await renderSpec(spec));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanthu ocr / capture', () => {
  it('ocr prints the text of each page with its method and confidence; --json gives the same as data', () => {
    const db = path.join(dir, 'none.sqlite');
    const text = cli(db, ['ocr', pdfFile]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^--- Trang 1 \(lớp chữ PDF, độ tin cậy 100\) ---$/m);
    expect(text.stdout).toContain(`Số: ${spec.symbol}`);
    const json = cli(db, ['ocr', pdfFile, '--json']).json();
    expect(json).toMatchObject({ file: 'cong-van.pdf', mime: 'application/pdf', pageCount: 1, lowConfidence: false });
    expect(json.pages[0]).toMatchObject({ page: 1, method: 'text', confidence: 100 });
  });

  it('capture suggests the registration fields and saves nothing', async () => {
    const db = path.join(dir, 'office.sqlite');
    expect(cli(db, ['init', '--org-name', 'Ủy ban nhân dân tỉnh Quảng Ngãi', '--org-code', 'UBND']).code).toBe(0);
    const r = cli(db, ['capture', pdfFile, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const f = r.json().fields;
    expect(f.symbol.value).toBe(spec.truth.symbol);
    expect(f.issuedDate.value).toBe(spec.truth.issuedDate);
    expect(f.typeName.value).toBe(spec.truth.typeName);
    expect(f.signerName.value).toBe(spec.truth.signerName);
    expect(f.symbol.source).toBe('page');
    expect(cli(db, ['incoming', 'list', '--json']).json().items).toEqual([]);
  });

  it('bad files: a coded refusal on stderr, exit code 2', () => {
    const db = path.join(dir, 'none.sqlite');
    const junk = path.join(dir, 'anh.png');
    writeFileSync(junk, Buffer.from('\x89PNG\r\n\x1a\nrubbish', 'latin1'));
    const bad = cli(db, ['ocr', junk, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.error().code).toBe('invalid_image');
    expect(cli(db, ['ocr', path.join(dir, 'missing.pdf'), '--json']).error().code).toBe('file_not_found');
    expect(cli(db, ['ocr', pdfFile, '--pages', '5-2', '--json']).error().code).toBe('invalid_page_range');
  });
});
