/**
 * Native-dialog helpers: inputs validated in main, files read by main, PDFs written
 * atomically and only where the clerk chose.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { createShellMethods, safePdfName, type DialogPort } from '../../../src/main/app/shellMethods.js';
import { writeFileAtomic } from '../../../src/main/app/atomicWrite.js';
import { tempDir } from '../helpers.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n% VănThư\n%%EOF\n');

function dialogs(over: Partial<DialogPort> = {}): DialogPort {
  return {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
    ...over,
  };
}

describe('pickFiles', () => {
  it('reads the chosen files in main and returns names and bytes', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'sổ đến.csv');
    const b = path.join(dir, 'b.csv');
    writeFileSync(a, 'so_den,trich_yeu\n1,Thử\n');
    writeFileSync(b, 'x');
    const d = dialogs({ showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [a, b] })) });
    const shell = createShellMethods({ dialogs: d, documentsDir: dir });
    const r = await shell.pickFiles({ title: 'Nhập sổ từ tệp', filters: [{ name: 'Tệp CSV', extensions: ['csv'] }], multiple: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => f.fileName)).toEqual(['sổ đến.csv', 'b.csv']);
    expect(r.value[0]!.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(r.value[0]!.bytes).toString('utf8')).toContain('Thử');
    expect(d.showOpenDialog).toHaveBeenCalledWith({
      title: 'Nhập sổ từ tệp',
      filters: [{ name: 'Tệp CSV', extensions: ['csv'] }],
      properties: ['openFile', 'multiSelections'],
    });
  });

  it('returns [] when cancelled', async () => {
    const shell = createShellMethods({ dialogs: dialogs(), documentsDir: tempDir() });
    expect(await shell.pickFiles({})).toEqual({ ok: true, value: [] });
  });

  it('validates its input in main', async () => {
    const d = dialogs();
    const shell = createShellMethods({ dialogs: d, documentsDir: tempDir() });
    const bad = [
      { filters: [{ name: 'x', extensions: ['../exe'] }] },
      { title: 5 },
      { defaultPath: '/etc' }, // unknown key: the page cannot steer the dialog to a folder
      'csv',
    ];
    for (const input of bad) {
      const r = await shell.pickFiles(input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(d.showOpenDialog).not.toHaveBeenCalled();
  });

  it('reports a file that vanished', async () => {
    const dir = tempDir();
    const d = dialogs({ showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [path.join(dir, 'gone.csv')] })) });
    const r = await createShellMethods({ dialogs: d, documentsDir: dir }).pickFiles({});
    expect(r).toMatchObject({ ok: false, error: { code: 'file_not_found' } });
  });
});

describe('savePdf', () => {
  it('proposes a safe name in Documents and writes exactly where the clerk chose', async () => {
    const docs = tempDir();
    const chosen = path.join(tempDir(), 'Sổ đến 2026.pdf');
    const d = dialogs({ showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: chosen })) });
    const r = await createShellMethods({ dialogs: d, documentsDir: docs }).savePdf({ suggestedName: '../../evil/so-den-2026', bytes: PDF });
    expect(r).toEqual({ ok: true, value: chosen });
    expect(readFileSync(chosen)).toEqual(Buffer.from(PDF));
    expect(d.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: path.join(docs, 'so-den-2026.pdf'), filters: [{ name: 'Tệp PDF', extensions: ['pdf'] }] }),
    );
    // no temp files left behind
    expect(readdirSync(path.dirname(chosen))).toEqual(['Sổ đến 2026.pdf']);
  });

  it('accepts fileName as an alias of suggestedName', async () => {
    const docs = tempDir();
    const d = dialogs();
    await createShellMethods({ dialogs: d, documentsDir: docs }).savePdf({ fileName: 'so-di.pdf', bytes: PDF });
    expect(d.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: path.join(docs, 'so-di.pdf') }));
  });

  it('returns null when cancelled and writes nothing', async () => {
    const docs = tempDir();
    const r = await createShellMethods({ dialogs: dialogs(), documentsDir: docs }).savePdf({ suggestedName: 'a.pdf', bytes: PDF });
    expect(r).toEqual({ ok: true, value: null });
    expect(readdirSync(docs)).toEqual([]);
  });

  it('refuses content that is not a PDF, and unknown fields', async () => {
    const d = dialogs();
    const shell = createShellMethods({ dialogs: d, documentsDir: tempDir() });
    const notPdf = await shell.savePdf({ suggestedName: 'a.pdf', bytes: new TextEncoder().encode('MZ\x90\x00') });
    expect(notPdf).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'bytes' } });
    const withPath = await shell.savePdf({ suggestedName: 'a.pdf', bytes: PDF, path: '/etc/cron.d/x' });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(d.showSaveDialog).not.toHaveBeenCalled();
  });

  it('reports a folder it cannot write to as an error value', async () => {
    const dir = tempDir();
    const d = dialogs({ showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: path.join(dir, 'no-such-dir', 'a.pdf') })) });
    const r = await createShellMethods({ dialogs: d, documentsDir: dir }).savePdf({ suggestedName: 'a.pdf', bytes: PDF });
    expect(r).toMatchObject({ ok: false, error: { code: 'write_failed' } });
  });

  it('safePdfName keeps Vietnamese, drops paths and reserved characters', () => {
    expect(safePdfName('Sổ đến 2026')).toBe('Sổ đến 2026.pdf');
    expect(safePdfName('C:\\Windows\\x.PDF')).toBe('x.pdf');
    expect(safePdfName('a<b>:c?.pdf')).toBe('a_b__c_.pdf');
    expect(safePdfName('...')).toBe('VanThu.pdf');
    expect(safePdfName(undefined)).toBe('VanThu.pdf');
  });
});

describe('writeFileAtomic', () => {
  it('replaces an existing file whole', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.pdf');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, PDF);
    expect(readFileSync(file)).toEqual(Buffer.from(PDF));
    expect(readdirSync(dir)).toEqual(['a.pdf']);
  });

  it('leaves no temp file when the rename fails', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'is-a-dir');
    mkdirSync(path.join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, PDF, { retries: 0 })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['is-a-dir']);
    expect(existsSync(path.join(target, 'child'))).toBe(true);
  });
});
