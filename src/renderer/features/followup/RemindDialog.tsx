/**
 * "Soạn văn bản nhắc nhở": the server writes a công văn to a late unit listing its overdue
 * documents (an ordinary outgoing draft); the clerk names the signer, then the draft opens
 * in the drafting form to be checked and sent through approval.
 */
import { useState, type FormEvent } from 'react';
import { fold } from '../../../shared/text/vietnamese';
import { call } from '../../api/client';
import { Combobox } from '../../components/Combobox';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner, FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { useApp } from '../../stores/appStore';
import { toastSuccess } from '../../stores/toastStore';
import { AUTHORITY_SUGGESTIONS, POSITION_SUGGESTIONS } from '../outgoing/model';
import { useOutgoing } from '../outgoing/outgoingStore';
import { useUnits, unitLabel } from './unitsStore';

type Field = 'unit' | 'signerName' | 'signerPosition' | 'signerAuthority' | 'draftingUnit';

const suggestFrom = (list: string[]) => (text: string) => {
  const q = fold(text.trim());
  return q ? list.filter((s) => fold(s).includes(q)) : list;
};

export function RemindDialog({ lateUnits, defaultUnit, onClose }: { lateUnits: string[]; defaultUnit: string; onClose(): void }) {
  const units = useUnits((s) => s.units);
  const [unit, setUnit] = useState(defaultUnit);
  const [authority, setAuthority] = useState('KT. CHỦ TỊCH');
  const [position, setPosition] = useState('Phó Chủ tịch');
  const [name, setName] = useState('');
  const [drafting, setDrafting] = useState('VP');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const errs: Partial<Record<Field, string>> = {};
    if (!unit) errs.unit = 'Đơn vị: chưa chọn.';
    if (!name.trim()) errs.signerName = 'Người ký: chưa nhập.';
    if (!position.trim()) errs.signerPosition = 'Chức vụ: chưa nhập.';
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await call('followup.remind', {
      unit,
      signerName: name.trim(),
      signerPosition: position.trim(),
      ...(authority.trim() ? { signerAuthority: authority.trim() } : {}),
      ...(drafting.trim() ? { draftingUnit: drafting.trim().toUpperCase() } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      const f = r.error.field as Field | undefined;
      if (f && ['unit', 'signerName', 'signerPosition', 'signerAuthority', 'draftingUnit'].includes(f)) setErrors({ [f]: r.error.message });
      else setGeneral(r.error.message);
      return;
    }
    toastSuccess(`Đã soạn dự thảo văn bản nhắc nhở #${r.value.id} gửi ${unitLabel(units, unit)}.`);
    onClose();
    useOutgoing.getState().show({ name: 'form', id: r.value.id });
    useApp.getState().show({ name: 'outgoing' });
  };

  return (
    <Modal title="Soạn văn bản nhắc nhở" onClose={onClose}>
      <form
        aria-label="Soạn văn bản nhắc nhở"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted small">
          Công văn «V/v đôn đốc giải quyết văn bản quá hạn» liệt kê mọi văn bản quá hạn của đơn vị; dự thảo mở ra để kiểm tra trước khi
          trình ký.
        </p>
        <div className="form-grid">
          <FieldShell id="rem-unit" label="Đơn vị được nhắc" required error={errors.unit} className="span-2">
            <select id="rem-unit" value={unit} onChange={(e) => setUnit(e.target.value)} {...describedBy('rem-unit', errors.unit)}>
              {lateUnits.map((c) => (
                <option key={c} value={c}>
                  {c} — {unitLabel(units, c)}
                </option>
              ))}
            </select>
          </FieldShell>
          <Combobox
            id="rem-authority"
            label="Thẩm quyền ký"
            value={authority}
            onChange={setAuthority}
            suggest={suggestFrom(AUTHORITY_SUGGESTIONS)}
            debounceMs={0}
            error={errors.signerAuthority}
          />
          <Combobox
            id="rem-position"
            label="Chức vụ"
            required
            value={position}
            onChange={setPosition}
            suggest={suggestFrom(POSITION_SUGGESTIONS)}
            debounceMs={0}
            error={errors.signerPosition}
          />
          <FieldShell id="rem-name" label="Người ký" required error={errors.signerName}>
            <input
              id="rem-name"
              type="text"
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...describedBy('rem-name', errors.signerName)}
            />
          </FieldShell>
          <FieldShell id="rem-drafting" label="Đơn vị soạn thảo" error={errors.draftingUnit}>
            <input
              id="rem-drafting"
              type="text"
              value={drafting}
              onChange={(e) => setDrafting(e.target.value)}
              {...describedBy('rem-drafting', errors.draftingUnit)}
            />
          </FieldShell>
        </div>
        <ErrorBanner message={general} />
        <FormActions submitLabel={busy ? 'Đang soạn…' : 'Soạn dự thảo'} submitDisabled={busy} cancelLabel="Thôi" onCancel={onClose} />
      </form>
    </Modal>
  );
}
