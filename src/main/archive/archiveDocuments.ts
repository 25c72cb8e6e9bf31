/**
 * The archive's files: printed forms (PDF) and the hand-over package (ZIP), built from the
 * services' views so every face (CLI, contract, app) prints the same thing. Loaded only by
 * the commands and handlers that print (pdf-lib, yazl and yauzl are not startup costs).
 */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { vnDate } from '../../shared/text/dates.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { BlobStore, Store } from '../store/ports.js';
import { wholeList, withoutGrant, type ArchiveActor, type ArchiveService } from './archiveService.js';
import type { DispositionService } from './dispositionService.js';
import { renderDossierIndex, renderFilePlan, renderHandover, renderUsageRegister, type OrgHeader } from './archivePdf.js';
import { buildPackage, verifyPackage, type PackageReport } from './handoverPackage.js';
import { Input } from './input.js';

/** What printing and packaging use (the composition root passes its services). */
export interface ArchiveDeps {
  store: Store;
  files: BlobStore;
  clock: Clock;
  archive: ArchiveService;
  disposition: DispositionService;
}

type Services = ArchiveDeps;

export interface ArchiveFile {
  fileName: string;
  bytes: Uint8Array;
}

async function header(s: Services): Promise<OrgHeader & { place: string | null; organId: string }> {
  const [orgName, parentOrgName, place] = await s.store.read((r) =>
    Promise.all([r.meta.get('org_name'), r.meta.get('parent_org_name'), r.meta.get('org_place')]),
  );
  const settings = await s.archive.settings();
  return { orgName, parentOrgName, place, day: vnDate(s.clock()), printedAt: new Date(s.clock()).toISOString(), organId: settings.organId };
}

export async function printFilePlan(s: Services, year: number, who: ArchiveActor): Promise<ArchiveFile> {
  const plan = await s.archive.plan(year, who);
  // The printed plan is the office's record of the whole year: printed from a part, it would be false.
  if (plan.totals.unseen > 0) {
    throw new AppFailure({
      ...makeError('forbidden', { details: { reason: 'partial_plan', unseen: plan.totals.unseen } }),
      message: `Danh mục có ${plan.totals.unseen} hồ sơ bạn không được xem: bản in sẽ thiếu. Hãy nhờ văn thư hoặc lưu trữ in danh mục.`,
    });
  }
  return { fileName: `danh-muc-ho-so-${year}.pdf`, bytes: await renderFilePlan(plan, await header(s)) };
}

/**
 * A hand-over's record and package list every dossier handed over: someone without the
 * confidential grant may not make them when one of its dossiers needs it (a list with holes
 * would be a false record).
 */
async function wholeHandover(s: Services, id: number, who: ArchiveActor) {
  const h = await s.disposition.handover(id, who);
  if (withoutGrant(who)) {
    await s.store.read(async (r) => wholeList(r, who, 'handover', id, await r.archive.handoverDossiers(id)));
  }
  return h;
}

export async function printHandover(s: Services, id: number, who: ArchiveActor): Promise<ArchiveFile> {
  const h = await wholeHandover(s, id, who);
  const org = await header(s);
  // The basis is the file plan of the year the dossiers were formed.
  const formed = Number((h.timeSpan.to ?? `${h.year - 1}`).slice(0, 4));
  const plan = await s.store.read((r) => r.archive.planOfYear(formed));
  const planDecision =
    plan?.status === 'approved' && plan.decisionNumber ? `Danh mục hồ sơ năm ${plan.year} (Quyết định số ${plan.decisionNumber})` : null;
  return { fileName: `bien-ban-giao-nhan-${h.year}-${h.id}.pdf`, bytes: await renderHandover(h, { ...org, planDecision }) };
}

/**
 * A dossier whose Mục lục or export is made: the whole of it. Made from the part a person is
 * shown (another unit's document filed in their dossier), the list would skip numbers and
 * the metadata would count fewer documents than the record holds — as with the plan, refused.
 */
async function wholeDossier(s: Services, id: number, who: ArchiveActor) {
  const d = await s.archive.get(id, who);
  if (d.unseenItems > 0) {
    throw new AppFailure({
      ...makeError('forbidden', { details: { reason: 'partial_dossier', unseen: d.unseenItems } }),
      message: `Hồ sơ có ${d.unseenItems} văn bản bạn không được xem: bản in hoặc bản xuất sẽ thiếu. Hãy nhờ văn thư hoặc lưu trữ.`,
    });
  }
  return d;
}

export async function printDossierIndex(s: Services, id: number, who: ArchiveActor): Promise<ArchiveFile> {
  const d = await wholeDossier(s, id, who);
  return { fileName: `muc-luc-van-ban-${d.year}-${d.code}.pdf`, bytes: await renderDossierIndex(d, await header(s)) };
}

export async function printUsage(s: Services, raw: unknown, who?: ArchiveActor): Promise<ArchiveFile> {
  const inp = Input.of(raw);
  const year = inp.int('year', 1900, 2999) ?? Number(vnDate(s.clock()).slice(0, 4));
  inp.check();
  const entries = await s.disposition.usageAll({ from: `${year}-01-01`, to: `${year}-12-31` }, who);
  return { fileName: `so-su-dung-ban-luu-${year}.pdf`, bytes: await renderUsageRegister(entries, { ...(await header(s)), year }) };
}

/**
 * A dossier's documents and metadata as PDF + XML in chronological order (App. VI I.III.4;
 * archive/dossierExport.ts). The export is recorded in the trail: a record left the system.
 */
export async function exportDossierFiles(s: Services, id: number, who: ArchiveActor) {
  const d = await wholeDossier(s, id, who);
  const org = await header(s);
  const { exportDossier } = await import('./dossierExport.js');
  const out = await exportDossier(d, org, s.files);
  const at = new Date(s.clock()).toISOString();
  await s.store.write(async (r) => {
    const w = await AuditWriter.begin(r, at);
    await w.append({
      actor: who.actor,
      action: 'dossier_export',
      entity: 'dossier',
      entityId: id,
      data: { code: d.code, year: d.year, documents: d.items.length, pages: out.pages },
    });
    await w.finish();
  });
  return out;
}

/** The hand-over package; its SHA-256 is recorded (append-only) so the archive can recognise it later. */
export async function packageHandover(
  s: Services,
  id: number,
  who: ArchiveActor,
): Promise<ArchiveFile & { sha256: string; entries: number }> {
  const h = await wholeHandover(s, id, who);
  const org = await header(s);
  const dossiers = [];
  for (const d of h.dossiers) dossiers.push(await wholeDossier(s, d.id, who));
  const pkg = await buildPackage({ organId: org.organId, orgName: org.orgName, handover: h, dossiers, createdAt: org.printedAt }, s.files);
  const at = new Date(s.clock()).toISOString();
  await s.store.write(async (r) => {
    await r.archive.insert('handover_packages', {
      handoverId: id,
      sha256: pkg.sha256,
      size: pkg.bytes.length,
      madeAt: at,
      madeBy: who.actor,
    });
    const w = await AuditWriter.begin(r, at);
    await w.append({
      actor: who.actor,
      action: 'handover_package',
      entity: 'handover',
      entityId: id,
      data: { sha256: pkg.sha256, size: pkg.bytes.length },
    });
    await w.finish();
  });
  return { fileName: `nop-luu-${h.year}-${h.id}.zip`, bytes: pkg.bytes, sha256: pkg.sha256, entries: pkg.entries };
}

/** Re-verifies a package; `known` names the hand-over that made exactly these bytes, if any. */
export async function verifyHandoverPackage(
  s: Services,
  bytes: Uint8Array,
): Promise<PackageReport & { known: { handoverId: number; madeAt: string } | null }> {
  const report = await verifyPackage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const rows = await s.store.read((r) => r.archive.listRows('handover_packages', { sha256: report.sha256 }, 1));
  const known = rows[0] ? { handoverId: Number(rows[0].handoverId), madeAt: String(rows[0].madeAt) } : null;
  if (!report.ok) {
    const first = report.mismatched[0] ?? report.missing[0] ?? report.unlisted[0] ?? '';
    throw new AppFailure(
      makeError('package_mismatch', { params: { value: `tệp ${first} không khớp bản kê SHA-256` }, details: { ...report } }),
    );
  }
  return { ...report, known };
}
