/** "Đơn vị xử lý": the units documents and tasks are assigned to (phòng, ban), and adding one. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner } from '../../components/FormParts';
import { toastSuccess } from '../../stores/toastStore';
import { useUnits } from './unitsStore';
import { useRights } from '../accounts/rights';

export function UnitsAdmin() {
  const canAdd = useRights().can('unit.add');
  const units = useUnits((s) => s.units);
  const loaded = useUnits((s) => s.loaded);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ code?: string; name?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useUnits.getState().load();
  }, []);

  const submit = async () => {
    const errs: typeof errors = {};
    if (!code.trim()) errs.code = 'Mã đơn vị: chưa nhập.';
    if (!name.trim()) errs.name = 'Tên đơn vị: chưa nhập.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await useUnits.getState().add(code.trim().toUpperCase(), name.trim());
    setBusy(false);
    if (!r.ok) {
      const msg = r.error.message.replace(/^code:/, 'Mã đơn vị:').replace(/^name:/, 'Tên đơn vị:');
      if (r.error.field === 'code') setErrors({ code: msg });
      else if (r.error.field === 'name') setErrors({ name: msg });
      else setErrors({ general: msg });
      return;
    }
    toastSuccess(`Đã thêm đơn vị ${r.unit.code} — ${r.unit.name}.`);
    setCode('');
    setName('');
    codeRef.current?.focus();
  };

  return (
    <div className="units-admin">
      {/* The directory is kept by the clerk and the administrator; everyone reads it. */}
      {canAdd ? (
        <section className="panel-box">
          <h3>Thêm đơn vị</h3>
          <form
            className="unit-form"
            aria-label="Thêm đơn vị"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void submit();
            }}
          >
            <FieldShell id="unit-code" label="Mã đơn vị" required error={errors.code} hint="Chữ in hoa, ví dụ VX, KTTH">
              <input
                id="unit-code"
                ref={codeRef}
                type="text"
                autoComplete="off"
                value={code}
                maxLength={20}
                onChange={(e) => setCode(e.target.value.toUpperCase())}
                {...describedBy('unit-code', errors.code, 'x')}
              />
            </FieldShell>
            <FieldShell id="unit-name" label="Tên đơn vị" required error={errors.name} className="grow">
              <input
                id="unit-name"
                type="text"
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...describedBy('unit-name', errors.name)}
              />
            </FieldShell>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Thêm đơn vị
            </button>
          </form>
          <ErrorBanner message={errors.general} />
        </section>
      ) : null}
      <section className="panel-box units-list">
        <h3>Danh sách đơn vị ({units.length})</h3>
        {!loaded ? (
          <div className="muted">Đang tải…</div>
        ) : units.length === 0 ? (
          <p className="muted">Chưa có đơn vị nào.</p>
        ) : (
          <table className="data-table compact" aria-label="Danh sách đơn vị">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên đơn vị</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.code}>
                  <td>
                    <strong>{u.code}</strong>
                  </td>
                  <td>{u.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
