/**
 * "Hồ sơ" on a document's detail (incoming or outgoing): the dossiers it is filed in, and
 * «Đưa vào hồ sơ» — choose an open dossier of this year's plan (or one opened outside it)
 * and file the document by reference. All by keyboard: type to narrow, ↑/↓ to choose,
 * Enter to file, Esc to close. Shown to those whose role may file (the permission table).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Role } from '../../../shared/domain/accounts';
import type { DocKind, DossierView } from '../../../shared/domain/archive';
import { mayCall } from '../../../shared/permissions';
import { fold } from '../../../shared/text/vietnamese';
import { call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { useSession } from '../accounts/sessionStore';
import './archive.css';

const NO_ROLES: readonly Role[] = [];

export function DossiersOfDocument({ kind, docId, disabled }: { kind: DocKind; docId: number; disabled?: boolean }) {
  const roles = useSession((s) => s.session?.roles ?? NO_ROLES);
  const [filed, setFiled] = useState<DossierView[] | null>(null);
  const [choosing, setChoosing] = useState(false);
  const load = useCallback(async () => {
    const r = await call('dossier.ofDocument', { kind, docId });
    setFiled(r.ok ? r.value : []);
  }, [kind, docId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!mayCall('dossier.ofDocument', roles)) return null;
  return (
    <section className="doc-dossiers" aria-label="Hồ sơ của văn bản">
      <h3>Hồ sơ</h3>
      {filed === null ? (
        <p className="muted">Đang tải…</p>
      ) : filed.length === 0 ? (
        <p className="muted">Văn bản chưa được đưa vào hồ sơ nào.</p>
      ) : (
        <ul className="doc-dossier-list">
          {filed.map((d) => (
            <li key={d.id}>
              <strong>{d.code}</strong> ({d.year}) — {d.title}
            </li>
          ))}
        </ul>
      )}
      {mayCall('dossier.addDoc', roles) ? (
        <button type="button" className="btn" disabled={disabled} onClick={() => setChoosing(true)}>
          Đưa vào hồ sơ
        </button>
      ) : null}
      {choosing ? (
        <ChooseDossier
          kind={kind}
          docId={docId}
          exclude={new Set((filed ?? []).map((d) => d.id))}
          onClose={() => setChoosing(false)}
          onFiled={(d) => {
            setChoosing(false);
            toastSuccess(`Đã đưa văn bản vào hồ sơ ${d.code}.`);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

function ChooseDossier(props: { kind: DocKind; docId: number; exclude: Set<number>; onClose(): void; onFiled(d: DossierView): void }) {
  const year = new Date().getFullYear();
  const [open, setOpen] = useState<DossierView[] | null>(null);
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('dossier.list', { year, state: 'open', limit: 1000 }).then((r) => {
      if (r.ok) setOpen(r.value.items.filter((d) => !props.exclude.has(d.id)));
      else setError(r.error.message);
    });
    // The dossiers are read once per opening of the dialog (props.exclude is fixed while it is open).
  }, [year]);
  const shown = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return (open ?? []).filter((d) => {
      const text = fold(`${d.code} ${d.title}`);
      return words.every((w) => text.includes(w));
    });
  }, [open, query]);
  const chosen = shown[Math.min(at, shown.length - 1)] ?? null;
  const file = async (d: DossierView | null) => {
    if (!d || busy) return;
    setBusy(true);
    const r = await call('dossier.addDoc', { id: d.id, kind: props.kind, docId: props.docId });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      toastError(r.error);
      return;
    }
    props.onFiled(d);
  };
  return (
    <Modal title="Đưa vào hồ sơ" onClose={props.onClose} className="choose-dossier">
      <p className="muted">Các hồ sơ đang mở năm {year}. Gõ để lọc, ↑/↓ để chọn, Enter để đưa vào.</p>
      <input
        type="search"
        data-autofocus
        aria-label="Tìm hồ sơ theo số, ký hiệu hoặc tiêu đề"
        placeholder="Số, ký hiệu hoặc tiêu đề hồ sơ"
        value={query}
        aria-controls="choose-dossier-list"
        aria-activedescendant={chosen ? `choose-dossier-${chosen.id}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setAt((i) => Math.min(i + 1, Math.max(0, shown.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setAt((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void file(chosen);
          }
        }}
      />
      {open === null && !error ? <p className="muted">Đang tải…</p> : null}
      {open !== null && shown.length === 0 ? (
        <p className="muted">{open.length ? 'Không có hồ sơ nào khớp.' : `Chưa có hồ sơ nào đang mở trong năm ${year}.`}</p>
      ) : null}
      <ul id="choose-dossier-list" role="listbox" aria-label="Hồ sơ đang mở" className="choose-dossier-list">
        {shown.map((d) => (
          <li
            key={d.id}
            id={`choose-dossier-${d.id}`}
            role="option"
            aria-selected={chosen?.id === d.id}
            className={chosen?.id === d.id ? 'selected' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void file(d)}
          >
            <strong>{d.code}</strong> — {d.title} <span className="muted small">({d.retentionLabel})</span>
          </li>
        ))}
      </ul>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </Modal>
  );
}
