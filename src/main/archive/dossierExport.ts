/**
 * A dossier exported as PDF + XML in chronological order (Decree 30 App. VI Part I.III.4):
 *
 * - the PDF: a first page with the dossier's 11 metadata fields (App. VI Part II.III), its
 *   "Mục lục văn bản, tài liệu", then each document in the order of events (its ordinal):
 *   the pages of its PDF files, an image as a page, and for any other file a page naming it
 *   with its SHA-256 (its bytes stay in the office's store and in a hand-over package);
 * - the XML: the same metadata, and per document its ordinal, fields, files (name, type,
 *   size, SHA-256) and the pages of the PDF where it starts and ends.
 *
 * Pages copied into the compilation no longer carry their signatures: the XML's SHA-256 of
 * each original file is what ties the export to the signed bytes. A file whose stored bytes
 * do not match their hash stops the export (a damaged store does not make a record).
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { DOSSIER_RIGHTS_LABELS, maintenanceCode, type DossierDetail, type DossierItemView } from '../../shared/domain/archive.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { BlobStore } from '../store/ports.js';
import { renderDossierIndex, renderDossierMetadata, renderExportNotice, type OrgHeader } from './archivePdf.js';

export interface DossierExport {
  pdf: { fileName: string; bytes: Uint8Array };
  xml: { fileName: string; bytes: Uint8Array };
  /** Pages of the PDF; documents whose files could not be laid into it (named on a page instead). */
  pages: number;
  notEmbedded: number;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function x(s: string | number | null | undefined): string {
  return String(s ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** File names of the export: the dossier's file code, made safe for any file system. */
export function exportBaseName(d: DossierDetail): string {
  return `ho-so-${d.fileCode}`.replace(/[^\p{L}\p{N}._-]+/gu, '-');
}

export async function exportDossier(d: DossierDetail, org: OrgHeader & { organId: string }, files: BlobStore): Promise<DossierExport> {
  const out = await PDFDocument.create();
  out.setTitle(`Hồ sơ ${d.code} (${d.year}): ${d.title}`.normalize('NFC'), { showInWindowTitleBar: true });
  if (org.orgName) out.setAuthor(org.orgName);
  out.setCreator('VănThư');
  out.setProducer('VănThư (pdf-lib)');
  out.setLanguage('vi-VN');
  const at = new Date(org.printedAt);
  if (!Number.isNaN(at.getTime())) {
    out.setCreationDate(at);
    out.setModificationDate(at);
  }
  /** Adds a PDF's pages at the end, or from page index `at`; returns how many. */
  const append = async (bytes: Uint8Array, at?: number) => {
    const src = await PDFDocument.load(bytes);
    const pages = await out.copyPages(src, src.getPageIndices());
    pages.forEach((p, i) => (at === undefined ? out.addPage(p) : out.insertPage(at + i, p)));
    return pages.length;
  };

  // The documents are laid first: the first page's «Tổng số trang của hồ sơ» is counted from
  // them; the first page and the Mục lục are put in front afterwards.
  const laidDocs: { item: DossierItemView; firstPage: number; lastPage: number; pages: number | null; fileXml: string[] }[] = [];
  const uncounted: { ordinal: number; noFile: boolean }[] = [];
  let notEmbedded = 0;
  for (const item of [...d.items].sort((a, b) => a.ordinal - b.ordinal)) {
    const firstPage = out.getPageCount() + 1;
    const fileXml: string[] = [];
    const missing: { name: string; mime: string; sha256: string; why: string }[] = [];
    let filePages = 0;
    for (const f of item.files) {
      const bytes = await files.read(f.sha256);
      if (sha256(bytes) !== f.sha256)
        throw new AppFailure(makeError('package_invalid', { params: { value: `tệp ${f.name} trong kho bị hỏng` } }));
      let laid = false;
      try {
        if (f.mime === 'application/pdf') {
          filePages += await append(bytes);
          laid = true;
        } else if (f.mime === 'image/png' || f.mime === 'image/jpeg') {
          const img = f.mime === 'image/png' ? await out.embedPng(bytes) : await out.embedJpg(bytes);
          // A4 portrait or landscape as the image is; the image fitted inside 1 cm margins.
          const [w, h] = img.width > img.height ? [842, 595] : [595, 842];
          const s = Math.min((w - 56) / img.width, (h - 56) / img.height, 1);
          const page = out.addPage([w, h]);
          page.drawImage(img, { x: (w - img.width * s) / 2, y: (h - img.height * s) / 2, width: img.width * s, height: img.height * s });
          filePages += 1;
          laid = true;
        }
      } catch {
        // An encrypted or malformed PDF, a broken image: named on a page instead.
      }
      if (!laid) missing.push({ name: f.name, mime: f.mime, sha256: f.sha256, why: f.mime });
      fileXml.push(
        `      <file name="${x(f.name)}" mime="${x(f.mime)}" size="${f.size}" sha256="${f.sha256}" inPdf="${laid ? 'true' : 'false'}"/>`,
      );
    }
    // A document's pages: its files' (each PDF page, an image one page) when every file was
    // counted; else the page count registered with it (Số trang); else not known, and said so.
    const pages = item.files.length && !missing.length ? filePages : item.pages;
    if (pages === null) uncounted.push({ ordinal: item.ordinal, noFile: !item.files.length });
    if (!item.files.length || missing.length) {
      if (missing.length) notEmbedded++;
      await append(await renderExportNotice(d, item, missing, org));
    }
    laidDocs.push({ item, firstPage, lastPage: out.getPageCount(), pages, fileXml });
  }

  const total = pageTotalOf(d, laidDocs, uncounted);
  let frontPages = await append(await renderDossierMetadata(d, org, total.text), 0);
  frontPages += await append(await renderDossierIndex(d, org), frontPages);

  const docs: string[] = [];
  for (const { item, firstPage, lastPage, pages, fileXml } of laidDocs) {
    const [codeNumber, ...notation] = (item.symbol ?? '').split('/');
    docs.push(`  <document ordinal="${item.ordinal}" kind="${item.kind}" id="${item.docId}">
    <docCode>${x(`${d.fileCode}.${String(item.ordinal).padStart(7, '0')}`)}</docCode>
    <typeName>${x(item.typeName)}</typeName>
    <codeNumber>${x(codeNumber)}</codeNumber>
    <codeNotation>${x(notation.join('/'))}</codeNotation>
    <symbol>${x(item.symbol)}</symbol>
    <issuedDate>${x(item.issuedDate)}</issuedDate>
    <eventAt>${x(item.eventAt)}</eventAt>
    <organName>${x(item.author || org.orgName)}</organName>
    <subject>${x(item.subject)}</subject>
    <numberOfPage>${pages ?? ''}</numberOfPage>
    <confidential>${item.confidential ? 'true' : 'false'}</confidential>
    <note>${x(item.note)}</note>
    <pdfPages from="${firstPage + frontPages}" to="${lastPage + frontPages}"/>
    <files>
${fileXml.join('\n')}
    </files>
  </document>`);
  }
  const pdfBytes = await out.save({ useObjectStreams: false });
  const base = exportBaseName(d);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Hồ sơ ${x(d.code)} (${d.year}) xuất theo Phụ lục VI Nghị định 30/2020/NĐ-CP, phần I.III.4 và II.III. -->
<dossier xmlns="urn:vanthu:dossier-export:1">
  <fileCode>${x(d.fileCode)}</fileCode>
  <organId>${x(org.organId)}</organId>
  <fileCatalog>${d.year}</fileCatalog>
  <fileNotation>${x(d.code)}</fileNotation>
  <title>${x(d.title)}</title>
  <maintenance code="${maintenanceCode(d.retention)}">${x(d.retentionLabel)}</maintenance>
  <rights code="${d.rights}">${x(DOSSIER_RIGHTS_LABELS[d.rights])}</rights>
  <creator>${x(d.creator)}</creator>
  <language>${x(d.language)}</language>
  <startDate>${x(d.startDate)}</startDate>
  <endDate>${x(d.endDate)}</endDate>
  <docTotal>${d.items.length}</docTotal>
  <pageTotal source="${total.source}"${total.uncounted.length ? ` uncounted="${total.uncounted.join(' ')}"` : ''}>${total.value ?? ''}</pageTotal>
  <description>${x(d.description)}</description>
  <state>${d.state}</state>
  <pdf name="${x(`${base}.pdf`)}" pages="${out.getPageCount()}" sha256="${sha256(pdfBytes)}"/>
  <documents>
${docs.join('\n')}
  </documents>
</dossier>
`;
  return {
    pdf: { fileName: `${base}.pdf`, bytes: pdfBytes },
    xml: { fileName: `${base}.xml`, bytes: new TextEncoder().encode(xml) },
    pages: out.getPageCount(),
    notEmbedded,
  };
}

/**
 * «Tổng số trang của hồ sơ» (PageTotal, App. VI Part II.III): the total declared when the
 * dossier was closed, else the sum of its documents' pages as the export counted them. A
 * document whose pages are not known (no file in the system and none registered, or a file
 * that is neither PDF nor image) is not guessed: the total says which ones it leaves out.
 */
function pageTotalOf(
  d: DossierDetail,
  laid: readonly { pages: number | null }[],
  uncounted: readonly { ordinal: number; noFile: boolean }[],
): { value: number | null; source: 'declared' | 'files'; uncounted: number[]; text: string } {
  if (d.pageTotal !== null) return { value: d.pageTotal, source: 'declared', uncounted: [], text: String(d.pageTotal) };
  const sum = laid.reduce((n, x) => n + (x.pages ?? 0), 0);
  const ordinals = uncounted.map((u) => u.ordinal);
  if (!uncounted.length) return { value: sum, source: 'files', uncounted: [], text: String(sum) };
  const list = (xs: readonly { ordinal: number }[]) => xs.map((x) => String(x.ordinal)).join(', ');
  const noFile = uncounted.filter((u) => u.noFile);
  const other = uncounted.filter((u) => !u.noFile);
  const why = [
    ...(noFile.length ? [`văn bản số thứ tự ${list(noFile)} không có tệp trong hệ thống`] : []),
    ...(other.length ? [`văn bản số thứ tự ${list(other)} có tệp không đếm được trang`] : []),
  ].join('; ');
  const counted = laid.length - uncounted.length;
  return {
    value: counted ? sum : null,
    source: 'files',
    uncounted: ordinals,
    text: counted ? `${sum} (chưa tính ${why})` : `Chưa xác định (${why})`,
  };
}
