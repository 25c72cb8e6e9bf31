/**
 * "Kiểm tra chữ ký số": any PDF (ours or another agency's) checked by the server's
 * verifier, shown like a PDF reader's signature panel: the overall verdict, then each
 * signature in signing order — who, when, intact, whether it covers the whole file, the
 * ESS link to the certificate, the chain against this office's trust anchors — and the
 * warnings, above all "content added after the last signature". The trust anchors it judges
 * chains against are listed beside it (read-only); the administrator keeps them in the
 * «Chứng thư tin cậy» screen (features/trust/).
 */
import { useCallback, useEffect, useState } from 'react';
import type { SignatureView, VerifyView } from '../../../shared/apiTypes';
import { call } from '../../api/client';
import { FilePickButton } from '../../components/FilePickButton';
import { ErrorBanner } from '../../components/FormParts';
import { formatVnDate } from '../../lib/dates';
import type { ChosenFile } from '../../lib/files';
import { formatBytes } from '../../lib/format';
import { TrustSummary } from '../trust/TrustAdmin';
import { useOutgoing } from './outgoingStore';
import './outgoing.css';

export const VERDICT_LABELS: Record<VerifyView['verdict'], string> = {
  valid: 'Hợp lệ',
  invalid: 'Không hợp lệ',
  indeterminate: 'Chưa xác định',
  unsigned: 'Không có chữ ký',
};

const VERDICT_NOTES: Record<VerifyView['verdict'], string> = {
  valid: 'Mọi chữ ký đều còn nguyên vẹn và chứng thư số dẫn đến chứng thư gốc tin cậy.',
  invalid: 'Có chữ ký không hợp lệ: nội dung đã bị thay đổi sau khi ký hoặc chữ ký bị sai.',
  indeterminate: 'Chữ ký còn nguyên vẹn nhưng chưa xác định được chứng thư số (chưa có chứng thư gốc tin cậy, hoặc chứng thư hết hạn).',
  unsigned: 'Tệp PDF này không mang chữ ký số nào.',
};

export const CHAIN_LABELS: Record<SignatureView['chain'], string> = {
  trusted: 'Tin cậy',
  untrusted: 'Không tin cậy',
  incomplete: 'Chưa đủ chuỗi (thiếu chứng thư CA trung gian)',
  expired: 'Hết hạn',
  not_yet_valid: 'Chưa có hiệu lực',
  weak_algorithm: 'Dùng SHA-1 dưới gốc chưa được chấp nhận',
};

/** Offline, no revocation list or OCSP responder is asked: said on every signature. */
export const REVOCATION_NOT_CHECKED = 'chưa kiểm tra thu hồi (ngoại tuyến)';

const PROBLEM_LABELS: Record<string, string> = {
  byte_range_invalid: 'Vùng dữ liệu được ký (ByteRange) không hợp lệ.',
  cms_unreadable: 'Không đọc được dữ liệu chữ ký (CMS).',
  signer_certificate_missing: 'Thiếu chứng thư số của người ký.',
  digest_mismatch: 'Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp).',
  signature_invalid: 'Giá trị chữ ký không đúng.',
  ess_missing: 'Thiếu thuộc tính ESS signing-certificate.',
  ess_mismatch: 'Thuộc tính ESS không khớp chứng thư số của người ký.',
  chain_untrusted: 'Chuỗi chứng thư không dẫn đến chứng thư gốc tin cậy.',
  chain_incomplete: 'Chưa đủ chuỗi chứng thư: thiếu chứng thư CA trung gian (không phải dấu hiệu chữ ký sai).',
  weak_algorithm: 'Chuỗi chứng thư dùng SHA-1 nhưng gốc tin cậy chưa được đánh dấu là gốc cũ.',
  certificate_expired: 'Chứng thư số đã hết hạn tại thời điểm ký.',
  certificate_not_yet_valid: 'Chứng thư số chưa có hiệu lực tại thời điểm ký.',
  unsupported_subfilter: 'Kiểu chữ ký không được hỗ trợ.',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant (stored with +07:00) → dd/mm/yyyy HH:mm:ss; other zones are shown in Vietnam time. */
export function formatSignedAt(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\+07:00$/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}:${m[6]}`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 7 * 3600_000);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function dateOf(v: unknown): string {
  if (v instanceof Date) return formatVnDate(v.toISOString());
  return typeof v === 'string' ? formatVnDate(v) : '';
}

function YesNo({ ok, yes = 'Có', no = 'Không' }: { ok: boolean; yes?: string; no?: string }) {
  return <span className={ok ? 'sig-ok' : 'sig-bad'}>{ok ? `✓ ${yes}` : `✗ ${no}`}</span>;
}

function SignatureCard({ sig, index, isLast }: { sig: SignatureView; index: number; isLast: boolean }) {
  const status = (
    typeof sig.status === 'string' ? sig.status : sig.intact && sig.chain === 'trusted' ? 'valid' : 'indeterminate'
  ) as VerifyView['verdict'];
  const problems = Array.isArray(sig.problems) ? (sig.problems as string[]) : [];
  const cert =
    sig.signerCertificate && typeof sig.signerCertificate === 'object' ? (sig.signerCertificate as Record<string, unknown>) : null;
  const reason = typeof sig.reason === 'string' ? sig.reason : null;
  const location = typeof sig.location === 'string' ? sig.location : null;
  const timestamp =
    sig.timestamp && typeof sig.timestamp === 'object'
      ? (sig.timestamp as { time: string; intact: boolean; chain: string; tsa: string | null })
      : null;
  const chainPath = Array.isArray(sig.chainPath) ? (sig.chainPath as string[]) : [];
  return (
    <li className={`sig-card sig-${status}`} data-testid="signature" data-status={status}>
      <div className="sig-head">
        <span className={`sig-icon sig-icon-${status}`} aria-hidden="true">
          {status === 'valid' ? '✓' : status === 'invalid' ? '✗' : '?'}
        </span>
        <strong>
          Chữ ký {index + 1}
          {sig.field ? `: ${sig.field}` : ''}
        </strong>
        <span className={`sig-status sig-status-${status}`}>{VERDICT_LABELS[status]}</span>
      </div>
      <dl className="fields sig-fields">
        <dt>Người ký</dt>
        <dd data-testid="sig-signer">{sig.signer ?? <span className="muted">không rõ</span>}</dd>
        <dt>Thời điểm ký</dt>
        <dd>{formatSignedAt(sig.signedAt) || <span className="muted">không ghi</span>}</dd>
        <dt>Toàn vẹn</dt>
        <dd>
          <YesNo ok={sig.intact} yes="Nội dung được ký còn nguyên vẹn" no="Nội dung được ký đã bị thay đổi" />
        </dd>
        <dt>Phủ toàn bộ tài liệu</dt>
        <dd>
          {sig.coversWholeDocument ? (
            <YesNo ok yes="Có" />
          ) : isLast ? (
            <YesNo ok={false} no="Không — tệp có phần được thêm sau chữ ký này" />
          ) : (
            <span className="muted">Không — phần sau là của chữ ký tiếp theo (bình thường khi ký nhiều lần)</span>
          )}
        </dd>
        <dt>ESS khớp</dt>
        <dd>
          <YesNo ok={sig.essMatches} yes="Có (thuộc tính signing-certificate khớp chứng thư)" no="Không" />
        </dd>
        {timestamp ? (
          <>
            <dt>Dấu thời gian</dt>
            <dd data-testid="sig-timestamp">
              {formatSignedAt(timestamp.time)}
              <span className="muted small">
                {' '}
                · {timestamp.tsa ?? 'không rõ đơn vị cấp'} ·{' '}
                {timestamp.intact && timestamp.chain === 'trusted' ? 'đã xác minh' : 'chưa xác minh được'}
              </span>
            </dd>
          </>
        ) : null}
        <dt>Chuỗi chứng thư</dt>
        <dd>
          <span className={sig.chain === 'trusted' ? 'sig-ok' : 'sig-warn'} data-testid="sig-chain">
            {CHAIN_LABELS[sig.chain]}
          </span>
          {chainPath.length > 1 ? <div className="muted small">{chainPath.join(' → ')}</div> : null}
          {typeof sig.missingIssuer === 'string' ? <div className="muted small">Thiếu chứng thư của: {sig.missingIssuer}</div> : null}
        </dd>
        <dt>Thu hồi</dt>
        <dd className="muted" data-testid="sig-revocation">
          {REVOCATION_NOT_CHECKED}
        </dd>
        {reason ? (
          <>
            <dt>Lý do</dt>
            <dd>{reason}</dd>
          </>
        ) : null}
        {location ? (
          <>
            <dt>Nơi ký</dt>
            <dd>{location}</dd>
          </>
        ) : null}
        {cert ? (
          <>
            <dt>Chứng thư số</dt>
            <dd className="small">
              {String(cert.subject ?? '')}
              <div className="muted">
                Cấp bởi: {String(cert.issuer ?? '')} · hiệu lực {dateOf(cert.notBefore)} – {dateOf(cert.notAfter)}
              </div>
            </dd>
          </>
        ) : null}
      </dl>
      {problems.length ? (
        <ul className="sig-problems">
          {problems.map((p) => (
            <li key={p}>{PROBLEM_LABELS[p] ?? p}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function warningText(w: unknown): string {
  if (w && typeof w === 'object') {
    const o = w as { message?: unknown; code?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (typeof o.code === 'string') return o.code;
  }
  return String(w);
}

export function VerifyResult({ result }: { result: VerifyView }) {
  const v = result.verdict;
  const codeOf = (w: unknown) => (w && typeof w === 'object' ? (w as { code?: unknown }).code : undefined);
  const appended = result.warnings.find((w) => codeOf(w) === 'unsigned_changes');
  const warnings = result.warnings.filter((w) => w !== appended).map(warningText);
  return (
    <div className="verify-result" data-testid="verify-result" data-verdict={v}>
      <div className={`verdict verdict-${v}`} role="status">
        <span className="verdict-icon" aria-hidden="true">
          {v === 'valid' ? '✓' : v === 'invalid' ? '✗' : v === 'unsigned' ? '—' : '?'}
        </span>
        <div>
          <div className="verdict-label">{VERDICT_LABELS[v]}</div>
          <div className="small">{VERDICT_NOTES[v]}</div>
        </div>
        {result.signatures.length ? <span className="verdict-count">{result.signatures.length} chữ ký</span> : null}
      </div>
      {result.modifiedAfterLastSignature ? (
        <div className="banner banner-warn" role="alert">
          <strong>Có nội dung được thêm sau chữ ký cuối.</strong> Phần thêm vào không được chữ ký nào bảo vệ; hãy đối chiếu với bản đã ký.
          {appended ? <div className="small">{warningText(appended)}</div> : null}
        </div>
      ) : null}
      {warnings.length ? (
        <ul className="verify-warnings" aria-label="Cảnh báo">
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
      {result.signatures.length ? (
        <ol className="sig-list" aria-label="Các chữ ký số">
          {result.signatures.map((s, i) => (
            <SignatureCard key={i} sig={s} index={i} isLast={i === result.signatures.length - 1} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

export function VerifyPanel() {
  const handed = useOutgoing((s) => s.verifyFile);
  const [file, setFile] = useState<ChosenFile | null>(handed);
  const [result, setResult] = useState<VerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = useCallback(async (f: ChosenFile) => {
    setBusy(true);
    setError(null);
    const r = await call('signature.verify', { bytes: f.bytes });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else {
      setResult(null);
      setError(r.error.message);
    }
  }, []);

  useEffect(() => {
    if (handed) {
      setFile(handed);
      void verify(handed);
    }
  }, [handed, verify]);

  return (
    <div className="verify-screen">
      <section className="verify-main" aria-labelledby="verify-title">
        <div className="out-pdf-head">
          <h2 id="verify-title">Kiểm tra chữ ký số</h2>
          <span className="spacer" />
          <FilePickButton
            label="Chọn tệp PDF…"
            className="btn btn-primary"
            inputLabel="Tệp PDF cần kiểm tra"
            extensions={['pdf']}
            filterName="Tệp PDF"
            onPick={(f) => {
              setFile(f);
              useOutgoing.setState({ verifyFile: null });
              void verify(f);
            }}
          />
        </div>
        {file ? (
          <p className="verify-file">
            Tệp: <strong data-testid="verify-file">{file.fileName}</strong>{' '}
            <span className="muted">({formatBytes(file.bytes.byteLength)})</span>
            {busy ? <span className="muted"> · đang kiểm tra…</span> : null}
          </p>
        ) : (
          <p className="muted">Chọn một tệp PDF (văn bản đi đã ký, hoặc văn bản điện tử nhận từ cơ quan khác) để kiểm tra chữ ký số.</p>
        )}
        <ErrorBanner message={error} />
        {result ? <VerifyResult result={result} /> : null}
      </section>
      <TrustSummary onChanged={() => file && void verify(file)} />
    </div>
  );
}
