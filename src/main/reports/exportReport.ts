/** Writes a report as PDF or XLSX, chosen by the file name. */
import path from 'node:path';
import type { Report } from '../../shared/domain/workflow.js';
import { AppFailure } from '../../shared/result.js';

export interface ExportOptions {
  orgName: string | null;
  printedAt: Date;
}

export async function exportReport(report: Report, out: string, opts: ExportOptions): Promise<Uint8Array> {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.pdf') return (await import('./reportPdf.js')).renderReportPdf(report, opts);
  if (ext === '.xlsx') return (await import('./reportXlsx.js')).renderReportXlsx(report, opts);
  throw new AppFailure({ code: 'unsupported_format', field: 'out', message: 'Chỉ xuất được tệp .pdf hoặc .xlsx.' });
}
