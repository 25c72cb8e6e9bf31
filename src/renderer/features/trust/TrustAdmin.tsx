/**
 * «Chứng thư tin cậy» — the administrator's trust store for signature verification: the
 * anchors (roots the office trusts) and the known intermediates (CA certificates that only
 * complete chains) in two tables, never mixed; each with its subject, issuer, validity (an
 * expired one marked), signature algorithm and the full SHA-256 fingerprint, grouped and
 * selectable so it can be compared with the authority's publication (rootca.gov.vn,
 * ca.gov.vn). Importing PEM bundles and PKCS#7 files (.p7b/.p7c) goes through trust.import
 * (how many anchors and intermediates were added is said); an anchor is marked legacy (SHA-1
 * signatures accepted under it — the Government CA G1 chain) with trust.setLegacy, with the
 * warning always visible; a certificate is removed with trust.remove after a confirmation.
 * Every change is the administrator's (the permission table); the verify panel shows the same
 * list read-only (TrustSummary) and points here.
 */
import { useEffect, useMemo, useState } from 'react';
import type { TrustAnchorView, TrustImportView } from '../../../shared/apiTypes';
import { call } from '../../api/client';
import { FilePickButton } from '../../components/FilePickButton';
import { ErrorBanner } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { formatVnDate } from '../../lib/dates';
import type { ChosenFile } from '../../lib/files';
import { toastSuccess } from '../../stores/toastStore';
import { useApp } from '../../stores/appStore';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useTrust } from './trustStore';
import './trust.css';

/** "AB:CD:…" in groups of two, as certificate viewers print fingerprints. */
export function groupFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}

/** The fingerprint as text that wraps only between groups (<wbr> adds no character to a copy). */
function Fingerprint({ hex, testId }: { hex: string; testId?: string }) {
  const groups = groupFingerprint(hex).split(':');
  return (
    <code className="trust-fp" data-testid={testId} title="Dấu vân tay SHA-256 (bấm để chọn toàn bộ)">
      {groups.map((g, i) => (
        <span key={i}>
          {g}
          {i < groups.length - 1 ? (
            <>
              :<wbr />
            </>
          ) : null}
        </span>
      ))}
    </code>
  );
}

/** The common name of "CN=…, O=…, C=VN", or the whole name. */
export function commonName(dn: string): string {
  const m = /(?:^|,\s*)CN=([^,]+)/.exec(dn);
  return m ? m[1]!.trim() : dn;
}

function ImportSummary({ result, fileName }: { result: TrustImportView; fileName: string }) {
  const kept = result.certificates.length - result.added;
  return (
    <div className="banner banner-ok trust-import-result" role="status" data-testid="trust-import-result">
      <strong>Đã nhập tệp {fileName}:</strong> {result.anchors} chứng thư gốc, {result.intermediates} chứng thư CA trung gian
      {result.added ? ` — thêm mới ${result.added}` : ' — không có chứng thư mới'}
      {kept > 0 ? `, ${kept} đã có trong danh sách` : ''}
      {result.markedLegacy ? `, ${result.markedLegacy} gốc được đánh dấu gốc cũ` : ''}.
      {result.warnings.length ? (
        <ul className="trust-warnings">
          {result.warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Validity({ c }: { c: TrustAnchorView }) {
  return (
    <span className={c.expired ? 'trust-expired' : undefined}>
      {formatVnDate(c.notBefore)} – {formatVnDate(c.notAfter)}
      {c.expired ? <span className="trust-badge badge-expired">Đã hết hạn</span> : null}
    </span>
  );
}

function CertTable({
  kind,
  rows,
  onLegacy,
  onRemove,
  busy,
}: {
  kind: TrustAnchorView['kind'];
  rows: TrustAnchorView[];
  onLegacy(c: TrustAnchorView, legacy: boolean): void;
  onRemove(c: TrustAnchorView): void;
  busy: boolean;
}) {
  const rights = useRights();
  const anchors = kind === 'anchor';
  const label = anchors ? 'Danh sách chứng thư gốc tin cậy' : 'Danh sách chứng thư CA trung gian';
  if (!rows.length)
    return <p className="muted trust-empty">{anchors ? 'Chưa có chứng thư gốc nào.' : 'Chưa có chứng thư CA trung gian nào.'}</p>;
  return (
    <table className="data-table trust-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Chủ thể</th>
          <th scope="col">Cấp bởi</th>
          <th scope="col">Hiệu lực</th>
          <th scope="col">Thuật toán ký</th>
          <th scope="col">Dấu vân tay SHA-256</th>
          {anchors ? <th scope="col">Gốc cũ (SHA-1)</th> : null}
          <th scope="col">Thao tác</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const name = commonName(c.subject);
          return (
            <tr key={c.id} data-trust-id={c.id} data-kind={c.kind} className={c.expired ? 'row-expired' : undefined}>
              <td>
                <strong>{name}</strong>
                {name !== c.subject ? <div className="muted small trust-dn">{c.subject}</div> : null}
              </td>
              <td className="trust-dn">{c.issuer === c.subject ? <span className="muted">Tự ký (gốc)</span> : commonName(c.issuer)}</td>
              <td className="nowrap">
                <Validity c={c} />
              </td>
              <td className="nowrap">
                {c.signatureAlgorithm}
                {c.sha1 ? <span className="trust-badge badge-sha1">SHA-1</span> : null}
              </td>
              <td>
                <Fingerprint hex={c.sha256} testId="trust-fp" />
              </td>
              {anchors ? (
                <td>
                  <label className="trust-legacy" title={rights.why('trust.setLegacy') || undefined}>
                    <input
                      type="checkbox"
                      checked={c.legacy}
                      disabled={busy || !rights.can('trust.setLegacy')}
                      aria-label={`Gốc cũ, chấp nhận chữ ký SHA-1: ${name}`}
                      onChange={(e) => onLegacy(c, e.target.checked)}
                    />{' '}
                    {c.legacy ? <span className="trust-badge badge-legacy">Chấp nhận SHA-1</span> : <span className="muted">Không</span>}
                  </label>
                </td>
              ) : null}
              <td>
                <RightButton
                  method="trust.remove"
                  className="btn btn-small btn-danger-outline"
                  aria-label={`Xóa chứng thư ${name}`}
                  disabled={busy}
                  onClick={() => onRemove(c)}
                >
                  Xóa
                </RightButton>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RemoveDialog({ cert, onClose, onDone }: { cert: TrustAnchorView; onClose(): void; onDone(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = commonName(cert.subject);
  const remove = async () => {
    setBusy(true);
    const r = await call('trust.remove', { id: cert.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    toastSuccess(`Đã xóa chứng thư «${name}» khỏi danh sách tin cậy.`);
    onDone();
  };
  return (
    <Modal title="Xóa chứng thư tin cậy" onClose={onClose}>
      <p>
        Xóa {cert.kind === 'anchor' ? 'chứng thư gốc' : 'chứng thư CA trung gian'} <strong>«{name}»</strong>?
      </p>
      <p className="muted small">
        SHA-256 <Fingerprint hex={cert.sha256} />
      </p>
      <p>
        {cert.kind === 'anchor'
          ? 'Từ nay chữ ký số dẫn đến chứng thư gốc này sẽ không còn được coi là tin cậy.'
          : 'Chữ ký số cần chứng thư trung gian này để nối chuỗi sẽ được báo là chưa đủ chuỗi chứng thư.'}{' '}
        Kết quả kiểm tra đã lưu trước đây không thay đổi. Việc xóa được ghi vào nhật ký; có thể nhập lại tệp chứng thư sau.
      </p>
      <ErrorBanner message={error} />
      <div className="form-actions">
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()} data-autofocus>
          Xóa chứng thư
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Hủy
        </button>
      </div>
    </Modal>
  );
}

export function TrustAdmin() {
  const { certificates, error: loadError, load } = useTrust();
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<{ fileName: string; result: TrustImportView } | null>(null);
  const [legacyImport, setLegacyImport] = useState(false);
  const [filter, setFilter] = useState('');
  const [removing, setRemoving] = useState<TrustAnchorView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const words = filter.normalize('NFC').toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
    const hay = (c: TrustAnchorView) => `${c.subject} ${c.issuer} ${c.sha256} ${groupFingerprint(c.sha256)}`.toLocaleLowerCase('vi');
    return (certificates ?? []).filter((c) => words.every((w) => hay(c).includes(w)));
  }, [certificates, filter]);
  const anchors = shown.filter((c) => c.kind === 'anchor');
  const intermediates = shown.filter((c) => c.kind === 'intermediate');
  const legacy = (certificates ?? []).filter((c) => c.kind === 'anchor' && c.legacy);

  const importFile = async (f: ChosenFile) => {
    setError(null);
    setImported(null);
    setBusy(true);
    const r = await call('trust.import', { fileName: f.fileName, bytes: f.bytes, legacy: legacyImport });
    setBusy(false);
    if (!r.ok) return setError(`Không nhập được tệp ${f.fileName}: ${r.error.message}`);
    setImported({ fileName: f.fileName, result: r.value });
    await load();
  };

  const setLegacy = async (c: TrustAnchorView, value: boolean) => {
    setError(null);
    setBusy(true);
    const r = await call('trust.setLegacy', { id: c.id, legacy: value });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    toastSuccess(
      value
        ? `Đã đánh dấu «${commonName(c.subject)}» là gốc cũ: chữ ký SHA-1 dưới gốc này được chấp nhận.`
        : `Đã bỏ đánh dấu gốc cũ của «${commonName(c.subject)}».`,
    );
    await load();
  };

  return (
    <div className="trust-admin" aria-label="Quản lý chứng thư tin cậy">
      <div className="list-toolbar">
        <h2 className="list-title">Chứng thư tin cậy</h2>
        {certificates ? (
          <span className="muted" data-testid="trust-counts">
            {certificates.filter((c) => c.kind === 'anchor').length} chứng thư gốc ·{' '}
            {certificates.filter((c) => c.kind === 'intermediate').length} CA trung gian
          </span>
        ) : null}
        <span className="spacer" />
        <input
          type="search"
          className="trust-filter"
          placeholder="Lọc theo tên, dấu vân tay…"
          aria-label="Lọc chứng thư"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="trust-legacy-import" title="Chỉ dùng cho gốc SHA-1 còn hiệu lực, như gốc G1 của Ban Cơ yếu Chính phủ">
          <input type="checkbox" checked={legacyImport} onChange={(e) => setLegacyImport(e.target.checked)} /> Nhập gốc là gốc cũ (SHA-1)
        </label>
        <FilePickButton
          label="Nhập tệp chứng thư…"
          className="btn btn-primary"
          inputLabel="Tệp chứng thư (.pem, .crt, .cer, .p7b, .p7c)"
          extensions={['pem', 'crt', 'cer', 'p7b', 'p7c']}
          filterName="Chứng thư số (PEM, PKCS#7)"
          method="trust.import"
          disabled={busy}
          onPick={(f) => void importFile(f)}
        />
      </div>
      <p className="muted small trust-intro">
        Chữ ký số chỉ được coi là hợp lệ khi chứng thư của người ký dẫn đến một <strong>chứng thư gốc</strong> dưới đây. Chứng thư{' '}
        <strong>CA trung gian</strong> chỉ dùng để nối chuỗi khi tệp PDF không kèm chúng; tự chúng không bao giờ được tin cậy. Hãy đối chiếu
        dấu vân tay với công bố của tổ chức cấp (rootca.gov.vn, ca.gov.vn) trước khi tin cậy.
      </p>
      {legacy.length ? (
        <div className="banner banner-warn" role="note" data-testid="trust-legacy-warning">
          <strong>Đang chấp nhận chữ ký SHA-1</strong> dưới {legacy.length === 1 ? 'gốc cũ' : `${legacy.length} gốc cũ`}:{' '}
          {legacy.map((c) => `«${commonName(c.subject)}»`).join(', ')}. SHA-1 không còn an toàn; chỉ giữ đánh dấu này cho chuỗi chứng thư
          còn hiệu lực bắt buộc dùng SHA-1 (gốc G1 của Ban Cơ yếu Chính phủ, đến năm 2030).
        </div>
      ) : null}
      <ErrorBanner message={error ?? loadError} />
      {imported ? <ImportSummary result={imported.result} fileName={imported.fileName} /> : null}
      <div className="trust-scroll">
        {certificates === null ? (
          <p className="muted">Đang tải…</p>
        ) : (
          <>
            <section aria-labelledby="trust-anchors-title">
              <h3 id="trust-anchors-title">
                Chứng thư gốc tin cậy <span className="muted">({anchors.length})</span>
              </h3>
              <CertTable kind="anchor" rows={anchors} onLegacy={(c, v) => void setLegacy(c, v)} onRemove={setRemoving} busy={busy} />
            </section>
            <section aria-labelledby="trust-inter-title">
              <h3 id="trust-inter-title">
                Chứng thư CA trung gian <span className="muted">({intermediates.length}) — chỉ dùng để nối chuỗi</span>
              </h3>
              <CertTable kind="intermediate" rows={intermediates} onLegacy={() => {}} onRemove={setRemoving} busy={busy} />
            </section>
          </>
        )}
      </div>
      {removing ? (
        <RemoveDialog
          cert={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * The same list, read-only, beside the verify panel: what the verification trusts, and the
 * way to the administrator's screen (only for who may change it).
 */
export function TrustSummary({ onChanged }: { onChanged?(): void }) {
  const { certificates, error: loadError, load } = useTrust();
  const [error, setError] = useState<string | null>(null);
  const rights = useRights();
  const show = useApp((s) => s.show);
  useEffect(() => {
    void load();
  }, [load]);
  // The administrator may import here too, to re-check the PDF at hand at once.
  const importFile = async (f: ChosenFile) => {
    setError(null);
    const r = await call('trust.import', { fileName: f.fileName, bytes: f.bytes });
    if (!r.ok) return setError(`Không nhập được tệp ${f.fileName}: ${r.error.message}`);
    toastSuccess(
      r.value.added
        ? `Đã thêm ${r.value.added} chứng thư (${r.value.anchors} gốc, ${r.value.intermediates} CA trung gian).`
        : 'Các chứng thư trong tệp đã có trong danh sách.',
    );
    await load();
    onChanged?.();
  };
  const anchors = (certificates ?? []).filter((c) => c.kind === 'anchor');
  const intermediates = (certificates ?? []).filter((c) => c.kind === 'intermediate').length;
  return (
    <section className="trust-panel" aria-labelledby="trust-title">
      <h3 id="trust-title">Chứng thư gốc tin cậy</h3>
      <p className="muted small">
        Chữ ký chỉ được coi là hợp lệ khi chứng thư số của người ký dẫn đến một chứng thư gốc trong danh sách này
        {intermediates ? ` (cùng ${intermediates} chứng thư CA trung gian dùng để nối chuỗi)` : ''}.
      </p>
      {rights.can('trust.import') ? (
        <div className="trust-add">
          <FilePickButton
            label="Nhập chứng thư…"
            inputLabel="Tệp chứng thư (.pem, .p7b)"
            extensions={['pem', 'crt', 'cer', 'p7b', 'p7c']}
            filterName="Chứng thư số (PEM, PKCS#7)"
            method="trust.import"
            onPick={(f) => void importFile(f)}
          />{' '}
          <button type="button" className="btn btn-small" onClick={() => show({ name: 'trust' })}>
            Quản lý chứng thư tin cậy…
          </button>
        </div>
      ) : (
        <p className="muted small">Quản trị viên thêm, xóa chứng thư trong màn hình «Chứng thư tin cậy».</p>
      )}
      <ErrorBanner message={error ?? loadError} />
      {certificates === null ? (
        <div className="muted">Đang tải…</div>
      ) : anchors.length === 0 ? (
        <div className="muted">Chưa có chứng thư gốc nào.</div>
      ) : (
        <ul className="trust-list" aria-label="Danh sách chứng thư gốc tin cậy">
          {anchors.map((a) => (
            <li key={a.id}>
              <div>
                {commonName(a.subject)}
                {a.legacy ? <span className="muted small"> (gốc cũ, chấp nhận SHA-1)</span> : null}
              </div>
              <div className="muted small">
                {a.expired ? 'đã hết hạn' : 'hết hạn'} {formatVnDate(a.notAfter)} · SHA-256 <Fingerprint hex={a.sha256} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
