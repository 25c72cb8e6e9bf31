/**
 * Benchmark helper: an edXML message carrying a 5 MB signed-PDF-sized attachment, exported
 * (built and written atomically to the outbox) and imported (read, parsed with every check,
 * its file stored, the pending registration recorded) on a real SQLite office; then
 * registered (the attachment inspected and its signatures checked by the incoming service).
 * Target (issue 12): export and import ≤ 300 ms each. Median of `runs`.
 *
 *   npx tsx bench/interchange.ts [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createServices } from '../src/main/services.js';
import { buildDocumentMessage } from '../src/main/interchange/edxml.js';
import { FolderTransport } from '../src/main/interchange/transport.js';
import { parseInstant } from '../src/shared/text/dates.js';
import { minimalPdf } from '../tests/unit/fixtures/minimalPdf.js';
import { sampleDocument } from '../tests/unit/interchange/messages.js';

export interface InterchangeBenchmark {
  messageBytes: number;
  edxmlExportMs: number;
  edxmlImportMs: number;
  edxmlRegisterMs: number;
}

const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;

export async function benchInterchange(runs = 5): Promise<InterchangeBenchmark> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-edxml-'));
  try {
    const services = await createServices({
      dbPath: path.join(dir, 'office.sqlite'),
      migrate: true,
      clock: () => parseInstant('2026-11-20T10:00:00+07:00')!,
    });
    await services.init({ actor: 'bench', orgName: 'Sở Nội vụ tỉnh Quảng Ngãi', orgCode: 'SNV', organId: '000.00.01.H48' });
    const transport = new FolderTransport(path.join(dir, 'in'), path.join(dir, 'out'), 0);
    const pdf = minimalPdf(5 * 1024 * 1024, 0x41);
    const exportMs: number[] = [];
    const importMs: number[] = [];
    const registerMs: number[] = [];
    let messageBytes = 0;
    for (let i = 0; i <= runs; i++) {
      const base = sampleDocument();
      const n = String(1000 + i);
      const m = {
        ...base,
        header: { ...base.header, documentId: `000.00.00.H48,2026/11/20,${n}/UBND-NC`, codeNumber: n },
        attachments: [{ contentId: `a${i}`, name: `${n}-UBND-NC.signed.pdf`, contentType: 'application/pdf', bytes: pdf }],
      };
      let t = performance.now();
      const bytes = buildDocumentMessage(m);
      await transport.send({ fileName: `${n}.edxml`, bytes });
      const e = performance.now() - t;
      t = performance.now();
      const r = await services.interchange.receive(bytes, { actor: 'bench' });
      const im = performance.now() - t;
      if (r.kind !== 'document') throw new Error(`unexpected ${r.kind}`);
      t = performance.now();
      await services.interchange.register(r.received.id, { actor: 'bench' });
      const rg = performance.now() - t;
      // The first run warms the JIT and the parsers: not counted.
      if (i > 0) {
        exportMs.push(e);
        importMs.push(im);
        registerMs.push(rg);
      }
      messageBytes = bytes.byteLength;
    }
    await services.close();
    return { messageBytes, edxmlExportMs: median(exportMs), edxmlImportMs: median(importMs), edxmlRegisterMs: median(registerMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchInterchange(Number(process.argv[2] ?? 5));
  console.log(JSON.stringify({ ...r, load: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100) }, null, 2));
}
