/**
 * The "ĐẾN" stamp (Decree 30, Appendix IV): a stamped copy of a registered electronic PDF —
 * the stored original unchanged — with the arrival number, date and the unit it was sent to,
 * set in a blank place of the first page; the stamp alone for paper; coded refusals.
 * Checked with poppler (pdftotext, pdfinfo) and qpdf, independent of pdf-lib.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampSpot, STAMP_HEIGHT, STAMP_WIDTH } from '../../../src/main/capture/stamp.js';
import { CaptureService } from '../../../src/main/capture/captureService.js';
import { renderSpec } from '../../support/capture/render.js';
import { specs } from '../../fixtures/capture/testSet.js';
import { cli } from '../cliHelpers.js';
import { ACTOR, addFixtureAccounts, doc, freshServices, tempDir } from '../helpers.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let lastFile = '';
function poppler(bytes: Uint8Array, tool: 'pdftotext' | 'pdfinfo'): string {
  const file = (lastFile = path.join(tempDir(), 'x.pdf'));
  writeFileSync(file, bytes);
  return execFileSync(tool, tool === 'pdftotext' ? ['-enc', 'UTF-8', '-layout', '-f', '1', '-l', '1', file, '-'] : [file], {
    encoding: 'utf8',
  });
}

describe('the ĐẾN stamp', () => {
  it('stamps a copy of the first PDF with number, date and forwarding unit; the stored original is unchanged', async () => {
    const { services } = await freshServices();
    const spec = specs(1)[0]!;
    const pdf = await renderSpec(spec);
    await services.incoming.add(doc({ symbol: '1/A' }), ACTOR);
    const d = await services.incoming.add(doc({ symbol: spec.symbol, arrivalDate: '2026-03-09T14:05:00+07:00' }), {
      ...ACTOR,
      attachments: [{ fileName: 'cong-van.pdf', bytes: pdf }],
    });
    await services.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ACTOR.actor);
    await services.assignments.assign(d.id, { lead: 'KHDT', due: '2026-03-20' }, ACTOR.actor);

    const r = await services.capture.arrivalStamp(d.id);
    expect(r.stampedFile).toBe('cong-van.pdf');
    expect(r.fileName).toBe('den-2026-0002.pdf');
    const text = poppler(r.bytes, 'pdftotext');
    expect(text).toContain('ĐẾN');
    expect(text).toMatch(/Số:\s*2\b/);
    expect(text).toMatch(/Ngày:\s*09\/03\/2026/);
    expect(text).toMatch(/Chuyển:\s*Sở Kế hoạch và Đầu tư/);
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI');
    // Everything the page said is still there.
    expect(text).toContain(`Số: ${spec.symbol}`);
    execFileSync('qpdf', ['--check', lastFile]);
    const stored = await services.files.read(d.attachments[0]!.sha256);
    expect(sha(stored)).toBe(sha(pdf));
    expect((await services.incoming.get(d.id)).attachments).toHaveLength(1);
  });

  it('sets the stamp where no text is, near the number block', async () => {
    const capture = new CaptureService(null);
    try {
      const pdf = await renderSpec(specs(1)[0]!);
      const r = await capture.read({ fileName: 'a.pdf', bytes: pdf });
      const lines = r.pages[0]!.lines;
      const [W, H] = [595.28, 841.89];
      const spot = stampSpot(lines, W, H);
      const box = { x0: spot.x, y0: spot.y, x1: spot.x + STAMP_WIDTH / W, y1: spot.y + STAMP_HEIGHT / H };
      expect(box.x0).toBeGreaterThanOrEqual(0);
      expect(box.x1).toBeLessThanOrEqual(1);
      expect(lines.filter((l) => l.x0 < box.x1 && box.x0 < l.x1 && l.y0 < box.y1 && box.y0 < l.y1)).toEqual([]);
      // On an empty page: right under where the number would be, not at the bottom.
      expect(stampSpot([], W, H).y).toBeLessThan(0.1);
    } finally {
      await capture.close();
    }
  });

  it("never covers text, nor the signature and seal between the signer's position and name, on any layout of the set", async () => {
    const capture = new CaptureService(null);
    try {
      const [W, H] = [595.28, 841.89];
      let closings = 0;
      for (const spec of specs(16)) {
        const r = await capture.read({ fileName: `${spec.id}.pdf`, bytes: await renderSpec(spec) }, { range: { from: 1, to: 1 } });
        const lines = r.pages[0]!.lines;
        const spot = stampSpot(lines, W, H);
        const box = { x0: spot.x, y0: spot.y, x1: spot.x + STAMP_WIDTH / W, y1: spot.y + STAMP_HEIGHT / H };
        const over = (b: { x0: number; y0: number; x1: number; y1: number }) =>
          b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1;
        expect(
          lines.filter(over).map((l) => l.text),
          spec.id,
        ).toEqual([]);
        // The signature's place: the right half from the signer's position line down to the name.
        const name = lines.find((l) => l.text === spec.signerName);
        const position = lines.find((l) => l.text === spec.signerPosition.toLocaleUpperCase('vi') && name && l.y0 < name.y0);
        if (name && position) {
          closings++;
          expect(over({ x0: 0.45, y0: position.y0, x1: 1, y1: name.y1 }), `${spec.id} stamp over the signature`).toBe(false);
        }
      }
      expect(closings).toBeGreaterThan(8);
    } finally {
      await capture.close();
    }
  });

  it('gives the stamp alone for a paper document; refuses an image-only document and an unknown id', async () => {
    const { services, dbPath } = await freshServices();
    const paper = await services.incoming.add(doc({ channel: 'paper' }), ACTOR);
    const alone = await services.capture.arrivalStamp(paper.id);
    expect(alone.stampedFile).toBeNull();
    const label = poppler(alone.bytes, 'pdftotext');
    expect(label).toContain('ĐẾN');
    expect(label).toMatch(/Số:\s*1\b/);
    // 50 × 35 mm plus a millimetre of edge: 147.4 × 104.9 pt.
    expect(poppler(alone.bytes, 'pdfinfo')).toMatch(/Page size:\s+147\.4\d* x 104\.8\d* pts/);
    const { createCanvas } = await import('@napi-rs/canvas');
    const png = new Uint8Array(await createCanvas(40, 40).encode('png'));
    const img = await services.incoming.add(doc({ symbol: '2/B' }), { ...ACTOR, attachments: [{ fileName: 'anh.png', bytes: png }] });
    await expect(services.capture.arrivalStamp(img.id)).rejects.toMatchObject({ error: { code: 'not_a_pdf' } });
    expect((await services.capture.arrivalStamp(img.id, { alone: true })).stampedFile).toBeNull();
    await expect(services.capture.arrivalStamp(999)).rejects.toMatchObject({ error: { code: 'not_found' } });
    await addFixtureAccounts(services);
    await services.close();
    // The command line writes the file and names it.
    const out = path.join(tempDir(), 'den.pdf');
    const run = cli(dbPath, ['incoming', 'stamp', String(paper.id), '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ id: paper.id, out, stampedFile: null });
    expect(cli(dbPath, ['incoming', 'stamp', 'abc', '--out', out, '--json']).error().code).toBe('invalid_id');
  });
});
