/**
 * The electronic hand-over package (archive.md §3.2): a ZIP in the layout of TT 05/2025's
 * "Gói hồ sơ, tài liệu nộp" (an E-ARK CSIP extension) as far as the domain notes know it —
 * one folder per dossier named by its OBJID (`uuid-…`), with `METS.xml` (SHA-256 of every
 * file), `metadata/descriptive/EAD.xml` (the dossier's metadata, App. VI Part II.III),
 * `representations/rep1/metadata/descriptive/EAD_doc_N.xml` (each document's) and
 * `representations/rep1/data/` (the files, named mã hồ sơ + "." + ordinal) — plus, at the
 * root, `handover.xml` (the record) and `manifest-sha256.txt` listing every other file with
 * its SHA-256, which `verifyPackage` re-checks.
 *
 * yazl writes the ZIP and yauzl reads it (both by the same maintainer, small, no native
 * code; yauzl refuses malformed archives and checks entry sizes, which a verifier needs).
 */
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { maintenanceCode, type DossierDetail, type HandoverView } from '../../shared/domain/archive.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { BlobStore } from '../store/ports.js';

const MANIFEST = 'manifest-sha256.txt';
/** Fixed entry times: the same hand-over packs to the same bytes. */
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');
/** Refusals for packages met from outside: at most this many entries and bytes. */
const MAX_ENTRIES = 100_000;
const MAX_TOTAL = 8 * 1024 ** 3;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function xml(s: string | number | null | undefined): string {
  return String(s ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A UUID derived from a name (stable across runs), formatted as RFC 4122 version 5-like. */
function nameUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const ddmmyyyy = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

function extOf(name: string, mime: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  if (m) return m[1]!.toLowerCase();
  return mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpg' : 'bin';
}

export interface PackageInput {
  organId: string;
  orgName: string | null;
  handover: HandoverView;
  dossiers: DossierDetail[];
  createdAt: string;
}

/** Builds the package in memory (hand-overs are a year's dossiers of one unit; files are streamed from the store). */
export async function buildPackage(input: PackageInput, files: BlobStore): Promise<{ bytes: Buffer; sha256: string; entries: number }> {
  const entries: { path: string; bytes: Buffer }[] = [];
  const add = (p: string, b: Buffer | string) => entries.push({ path: p, bytes: typeof b === 'string' ? Buffer.from(b, 'utf8') : b });

  for (const d of input.dossiers) {
    const objId = `uuid-${nameUuid(`${d.fileCode}`)}`;
    const fileRows: { id: string; href: string; sha: string; size: number; mime: string }[] = [];
    const docs: string[] = [];
    for (const item of d.items) {
      const docCode = `${d.fileCode}.${String(item.ordinal).padStart(7, '0')}`;
      docs.push(`metadata/descriptive/EAD_doc_${item.ordinal}.xml`);
      add(
        `${objId}/representations/rep1/metadata/descriptive/EAD_doc_${item.ordinal}.xml`,
        `<?xml version="1.0" encoding="UTF-8"?>
<ead_doc>
  <docId>${xml(`${d.fileCode}.${item.ordinal}`)}</docId>
  <docCode>${xml(docCode)}</docCode>
  <maintenance>${maintenanceCode(d.retention)}</maintenance>
  <typeName>${xml(item.typeName)}</typeName>
  <codeNumber>${xml(item.symbol?.split('/')[0] ?? '')}</codeNumber>
  <codeNotation>${xml(item.symbol?.split('/').slice(1).join('/') ?? '')}</codeNotation>
  <issuedDate>${ddmmyyyy(item.issuedDate)}</issuedDate>
  <organName>${xml(item.author || input.orgName)}</organName>
  <subject>${xml(item.subject)}</subject>
  <language>01</language>
  <numberOfPage>${item.pages ?? ''}</numberOfPage>
  <mode>${d.rights}</mode>
  <confidenceLevel>01</confidenceLevel>
  <description>${xml(item.note)}</description>
</ead_doc>
`,
      );
      let k = 0;
      for (const f of item.files) {
        const name = `${d.fileCode}.${item.ordinal}${item.files.length > 1 ? `-${++k}` : ''}.${extOf(f.name, f.mime)}`;
        const bytes = await files.read(f.sha256);
        // The bytes must be what the record says they are: a damaged store does not make a package.
        if (sha256(bytes) !== f.sha256)
          throw new AppFailure(makeError('package_invalid', { params: { value: `tệp ${f.name} trong kho bị hỏng` } }));
        add(`${objId}/representations/rep1/data/${name}`, bytes);
        fileRows.push({
          id: `ID-${nameUuid(`${objId}/${name}`)}`,
          href: `representations/rep1/data/${name}`,
          sha: f.sha256,
          size: f.size,
          mime: f.mime,
        });
      }
    }
    add(
      `${objId}/metadata/descriptive/EAD.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>
<ead>
  <fileCode>${xml(d.fileCode)}</fileCode>
  <title>${xml(d.title)}</title>
  <maintenance>${maintenanceCode(d.retention)}</maintenance>
  <mode>${d.rights}</mode>
  <language>01</language>
  <startDate>${ddmmyyyy(d.startDate)}</startDate>
  <endDate>${ddmmyyyy(d.endDate)}</endDate>
  <totalDoc>${d.items.length}</totalDoc>
  <numberOfPage>${d.pageTotal ?? ''}</numberOfPage>
  <format>01</format>
  <confidenceLevel>01</confidenceLevel>
  <description>${xml([d.description, d.creator ? `Người lập hồ sơ: ${d.creator}` : ''].filter(Boolean).join('. '))}</description>
</ead>
`,
    );
    const eadSha = sha256(entries.at(-1)!.bytes);
    add(
      `${objId}/METS.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>
<mets xmlns="http://www.loc.gov/METS/" xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" xmlns:xlink="http://www.w3.org/1999/xlink"
  OBJID="${objId}" TYPE="Hồ sơ" csip:OAISPACKAGETYPE="SIP" PROFILE="TT05/2025/TT-BNV SIP_hoso">
  <metsHdr CREATEDATE="${xml(input.createdAt)}" RECORDSTATUS="NEW">
    <agent ROLE="CREATOR" TYPE="ORGANIZATION"><name>${xml(input.orgName ?? input.organId)}</name></agent>
  </metsHdr>
  <dmdSec ID="uuid-${nameUuid(`${objId}/EAD`)}"><mdRef LOCTYPE="URL" MDTYPE="EAD" xlink:href="metadata/descriptive/EAD.xml" CHECKSUMTYPE="SHA-256" CHECKSUM="${eadSha}"/></dmdSec>
  <fileSec>
    <fileGrp USE="Representations/rep1">
${fileRows.map((f) => `      <file ID="${f.id}" MIMETYPE="${xml(f.mime)}" SIZE="${f.size}" CHECKSUMTYPE="SHA-256" CHECKSUM="${f.sha}"><FLocat LOCTYPE="URL" xlink:href="${xml(f.href)}"/></file>`).join('\n')}
    </fileGrp>
  </fileSec>
  <structMap TYPE="PHYSICAL" LABEL="CSIP">
    <div LABEL="${objId}">
${docs.map((p) => `      <div LABEL="${xml(p)}"/>`).join('\n')}
    </div>
  </structMap>
</mets>
`,
    );
  }
  const h = input.handover;
  add(
    'handover.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<handover id="${h.id}" year="${h.year}" status="${h.status}" organId="${xml(input.organId)}">
  <unitName>${xml(h.unitName)}</unitName>
  <blockName>${xml(h.blockName)}</blockName>
  <giver name="${xml(h.giverName)}" position="${xml(h.giverPosition)}"/>
  <receiver name="${xml(h.receiverName)}" position="${xml(h.receiverPosition)}"/>
  <createdAt>${xml(h.createdAt)}</createdAt>
  <acceptedAt>${xml(h.acceptedAt)}</acceptedAt>
${h.dossiers.map((d) => `  <dossier ordinal="${d.ordinal}" fileCode="${xml(d.fileCode)}" objId="uuid-${nameUuid(d.fileCode)}" retention="${xml(d.retentionLabel)}" docs="${d.docTotal}" files="${d.files}">${xml(d.title)}</dossier>`).join('\n')}
</handover>
`,
  );
  const manifest = entries
    .map((e) => `${sha256(e.bytes)}  ${e.path}`)
    .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1))
    .join('\n');
  add(MANIFEST, manifest + '\n');

  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.path, { mtime: ZIP_TIME, compress: !/\.(pdf|png|jpe?g|zip)$/i.test(e.path) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  return { bytes, sha256: sha256(bytes), entries: entries.length };
}

export interface PackageReport {
  ok: boolean;
  sha256: string;
  files: number;
  /** Files whose content no longer matches the manifest. */
  mismatched: string[];
  /** Listed in the manifest but absent. */
  missing: string[];
  /** Present but not listed. */
  unlisted: string[];
  dossiers: number;
}

function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const out = new Map<string, Buffer>();
      let total = 0;
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (out.size >= MAX_ENTRIES || name.startsWith('/') || name.split('/').includes('..') || out.has(name)) {
          zip.close();
          return reject(new Error(`entry ${name} refused`));
        }
        if (name.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('entry'));
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => {
            total += c.length;
            if (total > MAX_TOTAL) stream.destroy(new Error('package too large'));
            else parts.push(c);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(name, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Re-checks a package: every file against the manifest, nothing missing or added. */
export async function verifyPackage(bytes: Buffer): Promise<PackageReport> {
  let entries: Map<string, Buffer>;
  try {
    entries = await readZip(bytes);
  } catch (e) {
    // A changed byte in compressed data or in the ZIP's own structure lands here (CRC, sizes).
    throw new AppFailure(makeError('package_mismatch', { params: { value: `không đọc được tệp ZIP (${(e as Error).message})` } }));
  }
  const manifest = entries.get(MANIFEST);
  if (!manifest) throw new AppFailure(makeError('package_invalid', { params: { value: `thiếu ${MANIFEST}` } }));
  const listed = new Map<string, string>();
  for (const line of manifest.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) throw new AppFailure(makeError('package_invalid', { params: { value: `dòng không hợp lệ trong ${MANIFEST}` } }));
    listed.set(m[2]!, m[1]!);
  }
  const mismatched: string[] = [];
  const missing: string[] = [];
  for (const [p, hash] of listed) {
    const b = entries.get(p);
    if (!b) missing.push(p);
    else if (sha256(b) !== hash) mismatched.push(p);
  }
  const unlisted = [...entries.keys()].filter((p) => p !== MANIFEST && !listed.has(p));
  const dossiers = [...entries.keys()].filter((p) => /^uuid-[^/]+\/METS\.xml$/.test(p)).length;
  return {
    ok: !mismatched.length && !missing.length && !unlisted.length,
    sha256: sha256(bytes),
    files: listed.size,
    mismatched,
    missing,
    unlisted,
    dossiers,
  };
}
