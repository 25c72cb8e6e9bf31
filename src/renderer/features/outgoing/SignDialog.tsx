/**
 * "Ký số": the competent official's signature, or the organisation's (the clerk's seal
 * signature that issues the document electronically). Either a PKCS#12 file chosen on this
 * computer with its password, or a token device configured on this PC by the administrator
 * (chosen from a list by its id: the page never names a library or a path), its label, PIN
 * and key id. The password and PIN live only in this dialog's state, go to the server once,
 * and are wiped after every attempt; nothing is stored or logged.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TokenChoiceView } from '../../../shared/apiTypes';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { FilePickButton } from '../../components/FilePickButton';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner, FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { formatBytes } from '../../lib/format';
import type { ChosenFile } from '../../lib/files';

type Method = 'p12' | 'token';
type Field = 'file' | 'password' | 'token' | 'tokenLabel' | 'pin' | 'keyId' | 'image';

interface Props {
  record: OutgoingRecord;
  as: 'official' | 'organization';
  onDone(rec: OutgoingRecord): void;
  onClose(): void;
}

const isPng = (b: Uint8Array) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;

/** Where a refusal belongs, and what the clerk reads. */
export function signErrorFor(e: AppError): { field: Field | null; message: string } {
  switch (e.code) {
    case 'wrong_password':
      return { field: 'password', message: 'Mật khẩu không đúng. Hãy nhập lại mật khẩu của tệp chứng thư số.' };
    case 'invalid_p12':
    case 'no_private_key':
    case 'no_certificate':
    case 'unsupported_key':
      return { field: 'file', message: e.message };
    case 'wrong_pin':
      return { field: 'pin', message: 'Mã PIN không đúng. Lưu ý: nhập sai nhiều lần thiết bị ký số sẽ bị khóa.' };
    case 'pin_locked':
      return { field: 'pin', message: e.message };
    case 'token_not_configured':
    case 'token_unavailable':
      return { field: 'token', message: e.message };
    case 'token_not_found':
      return { field: 'tokenLabel', message: e.message };
    case 'key_not_found':
      return { field: 'keyId', message: e.message };
    case 'invalid_image':
      return { field: 'image', message: e.message };
    case 'certificate_expired':
      return { field: null, message: `Chứng thư số đã hết hạn, không dùng để ký được. ${e.message}` };
    case 'certificate_not_yet_valid':
      return { field: null, message: `Chứng thư số chưa có hiệu lực. ${e.message}` };
    case 'invalid_status':
      return { field: null, message: e.message };
    default:
      return { field: null, message: e.message };
  }
}

export function SignDialog({ record, as, onDone, onClose }: Props) {
  const official = as === 'official';
  const [method, setMethod] = useState<Method>('p12');
  const [p12, setP12] = useState<ChosenFile | null>(null);
  const [password, setPassword] = useState('');
  const [tokens, setTokens] = useState<TokenChoiceView[] | null>(null);
  const [token, setToken] = useState('');
  const [tokenLabel, setTokenLabel] = useState('');
  const [pin, setPin] = useState('');
  const [keyId, setKeyId] = useState('');
  const [image, setImage] = useState<ChosenFile | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  // The devices the administrator configured on this PC (id and name only).
  useEffect(() => {
    if (method !== 'token' || tokens) return;
    let live = true;
    void call('token.list', {}).then((r) => {
      if (!live) return;
      const list = r.ok ? r.value : [];
      setTokens(list);
      if (list.length === 1) setToken(list[0]!.id);
      if (!r.ok) setGeneral(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [method, tokens]);

  // Secrets never outlive the dialog.
  useEffect(
    () => () => {
      setPassword('');
      setPin('');
    },
    [],
  );

  const clearError = (f: Field) => {
    setErrors((e) => ({ ...e, [f]: undefined }));
    setGeneral(null);
  };

  const submit = async () => {
    if (busy) return;
    const errs: Partial<Record<Field, string>> = {};
    if (method === 'p12') {
      if (!p12) errs.file = 'Tệp chứng thư số: chưa chọn tệp .p12/.pfx.';
      if (!password) errs.password = 'Mật khẩu: chưa nhập.';
    } else {
      if (!token) errs.token = 'Thiết bị ký số: chưa chọn thiết bị.';
      if (!pin) errs.pin = 'Mã PIN: chưa nhập.';
      if (!/^[0-9a-fA-F:\s]{1,200}$/.test(keyId.trim())) errs.keyId = 'Mã khóa: nhập dạng số hex, ví dụ 01 hoặc 3a:5f.';
    }
    if (image && !isPng(image.bytes)) errs.image = 'Ảnh phải là tệp PNG (nền trong suốt).';
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const secret = method === 'p12' ? password : pin;
    // Wipe the typed secret from the form at once; it travels only in this request.
    setPassword('');
    setPin('');
    const r = await call('outgoing.sign', {
      id: record.id,
      as,
      ...(method === 'p12'
        ? { p12: { bytes: p12!.bytes, password: secret } }
        : { pkcs11: { token, tokenLabel: tokenLabel.trim(), pin: secret, keyIdHex: keyId.trim() } }),
      ...(image ? { image: image.bytes } : {}),
    });
    setBusy(false);
    if (r.ok) {
      onDone(r.value);
      return;
    }
    const { field, message } = signErrorFor(r.error);
    if (field) {
      setErrors({ [field]: message });
      if (field === 'password') passwordRef.current?.focus();
      if (field === 'pin') pinRef.current?.focus();
    } else setGeneral(message);
  };

  const title = official ? 'Ký số của người có thẩm quyền' : 'Ký số của cơ quan (ban hành điện tử)';

  return (
    <Modal title={title} onClose={onClose} className="modal-wide">
      <form
        className="sign-form"
        aria-label={title}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
        autoComplete="off"
      >
        <p>
          {record.symbol ? (
            <>
              Văn bản <strong>{record.symbol}</strong>
            </>
          ) : (
            <>Văn bản #{record.id} (số và ngày sẽ được điền khi văn thư ký số của cơ quan)</>
          )}{' '}
          — {record.typeName} {record.subject}
        </p>
        <p className="muted small">
          {official
            ? `Người ký: ${[record.signerAuthority, record.signerPosition].filter(Boolean).join(', ')} ${record.signerName}. Ảnh chữ ký (màu xanh) được đặt giữa chức vụ và họ tên.`
            : 'Chỉ ký số của cơ quan sau khi người có thẩm quyền đã ký. Ảnh con dấu (màu đỏ) đè lên khoảng 1/3 ảnh chữ ký, bên trái.'}
        </p>

        <fieldset className="sign-method">
          <legend className="field-label">Cách ký</legend>
          <label className="check">
            <input type="radio" name="sign-method" checked={method === 'p12'} onChange={() => setMethod('p12')} /> Tệp chứng thư số
            (.p12/.pfx)
          </label>
          <label className="check">
            <input type="radio" name="sign-method" checked={method === 'token'} onChange={() => setMethod('token')} /> Thiết bị ký số (token
            USB)
          </label>
        </fieldset>

        {method === 'p12' ? (
          <div className="form-grid">
            <div className={`field span-2${errors.file ? ' has-error' : ''}`}>
              <span className="field-label required" id="sign-file-label">
                Tệp chứng thư số
              </span>
              <div className="file-line">
                <FilePickButton
                  label="Chọn tệp .p12…"
                  inputLabel="Tệp chứng thư số (.p12)"
                  extensions={['p12', 'pfx']}
                  filterName="Chứng thư số PKCS#12"
                  describedBy="sign-file-label"
                  onPick={(f) => {
                    setP12(f);
                    clearError('file');
                    passwordRef.current?.focus();
                  }}
                />
                <span className={p12 ? 'chip-name' : 'muted'} data-testid="p12-name">
                  {p12 ? `${p12.fileName} (${formatBytes(p12.bytes.byteLength)})` : 'Chưa chọn tệp'}
                </span>
              </div>
              {errors.file ? (
                <div className="field-error" role="alert">
                  {errors.file}
                </div>
              ) : null}
            </div>
            <FieldShell id="sign-password" label="Mật khẩu" required error={errors.password} className="span-2">
              <input
                id="sign-password"
                ref={passwordRef}
                type="password"
                autoComplete="off"
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  clearError('password');
                }}
                {...describedBy('sign-password', errors.password)}
              />
            </FieldShell>
          </div>
        ) : (
          <div className="form-grid">
            <FieldShell id="sign-device" label="Thiết bị ký số" required error={errors.token} className="span-2">
              {tokens && tokens.length === 0 ? (
                <p className="muted small" id="sign-device">
                  Chưa có thiết bị ký số nào được cấu hình trên máy này. Người quản trị cấu hình bằng lệnh «vanthu token add».
                </p>
              ) : (
                <select
                  id="sign-device"
                  value={token}
                  disabled={!tokens}
                  onChange={(e) => {
                    setToken(e.target.value);
                    clearError('token');
                  }}
                  {...describedBy('sign-device', errors.token)}
                >
                  <option value="">{tokens ? '— Chọn thiết bị —' : 'Đang tải…'}</option>
                  {(tokens ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.label}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
            <FieldShell id="sign-token" label="Nhãn token" error={errors.tokenLabel}>
              <input
                id="sign-token"
                type="text"
                value={tokenLabel}
                onChange={(e) => {
                  setTokenLabel(e.target.value);
                  clearError('tokenLabel');
                }}
                {...describedBy('sign-token', errors.tokenLabel)}
              />
            </FieldShell>
            <FieldShell id="sign-keyid" label="Mã khóa (key id)" required error={errors.keyId}>
              <input
                id="sign-keyid"
                type="text"
                placeholder="ví dụ 01"
                value={keyId}
                onChange={(e) => {
                  setKeyId(e.target.value);
                  clearError('keyId');
                }}
                {...describedBy('sign-keyid', errors.keyId)}
              />
            </FieldShell>
            <FieldShell id="sign-pin" label="Mã PIN" required error={errors.pin} className="span-2">
              <input
                id="sign-pin"
                ref={pinRef}
                type="password"
                autoComplete="off"
                inputMode="numeric"
                value={pin}
                onChange={(e) => {
                  setPin(e.target.value);
                  clearError('pin');
                }}
                {...describedBy('sign-pin', errors.pin)}
              />
            </FieldShell>
          </div>
        )}

        <div className={`field sign-image${errors.image ? ' has-error' : ''}`}>
          <span className="field-label" id="sign-image-label">
            {official ? 'Ảnh chữ ký (PNG, không bắt buộc)' : 'Ảnh con dấu (PNG, không bắt buộc)'}
          </span>
          <div className="file-line">
            <FilePickButton
              label="Chọn ảnh…"
              inputLabel={official ? 'Ảnh chữ ký (PNG)' : 'Ảnh con dấu (PNG)'}
              extensions={['png']}
              filterName="Ảnh PNG"
              describedBy="sign-image-label"
              onPick={(f) => {
                setImage(f);
                clearError('image');
              }}
            />
            {image ? (
              <>
                <span className="chip-name">{image.fileName}</span>
                <button type="button" className="icon-btn" aria-label="Bỏ ảnh" onClick={() => setImage(null)}>
                  ×
                </button>
              </>
            ) : (
              <span className="muted small">
                {official ? 'Không có ảnh: ghi «Đã ký số».' : 'Không có ảnh: ghi tên cơ quan và thời điểm ký.'}
              </span>
            )}
          </div>
          {errors.image ? (
            <div className="field-error" role="alert">
              {errors.image}
            </div>
          ) : null}
        </div>

        <ErrorBanner message={general} />
        <FormActions
          submitLabel={busy ? 'Đang ký…' : 'Ký số'}
          submitDisabled={busy}
          cancelLabel="Thôi"
          onCancel={onClose}
          cancelDisabled={busy}
          hint="Mật khẩu và mã PIN không được lưu lại."
        />
      </form>
    </Modal>
  );
}
