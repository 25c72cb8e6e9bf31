/**
 * "Danh mục hồ sơ" of a year as a tree: big headings (I, II…), small headings (1, 2…), the
 * dossiers with code, title, retention, creator and state. A draft plan takes headings and
 * dossiers; approval records the decision; a new year starts from last year's plan.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FilePlanView as Plan } from '../../../shared/domain/archive';
import { retentionLabel } from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useArchive } from './archiveStore';
import { act, Field, saveFile, STATE_LABELS, vnDate } from './util';

export function FilePlanView() {
  const tick = useArchive((s) => s.tick);
  const rights = useRights();
  const [year, setYear] = useState(new Date().getFullYear());
  const [plan, setPlan] = useState<Plan | null>(null);
  const [missing, setMissing] = useState(false);
  const [heading, setHeading] = useState({ title: '', abbreviation: '', parent: '' });
  const [dossier, setDossier] = useState({ heading: '', title: '', retention: '', creator: '' });
  const [decision, setDecision] = useState({ number: '', date: '' });

  const load = useCallback(async () => {
    const r = await call('fileplan.get', { year });
    setPlan(r.ok ? r.value : null);
    setMissing(!r.ok && r.error.code === 'plan_not_found');
  }, [year]);
  useEffect(() => {
    void load();
  }, [load, tick]);

  const bigs = plan?.headings.filter((h) => h.parentId === null) ?? [];
  const headingRefs = (plan?.headings ?? []).map((h) => {
    const big = h.parentId === null ? h : bigs.find((b) => b.id === h.parentId);
    const ref = h.parentId === null ? h.abbreviation! : `${big?.abbreviation}.${h.position}`;
    return { ref, label: `${h.number}. ${h.title}` };
  });
  const draft = !plan || plan.status === 'draft';

  return (
    <div className="archive-part" aria-label="Danh mục hồ sơ">
      <div className="archive-toolbar">
        <Field label="Năm">
          <input
            type="number"
            min={1900}
            max={2999}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            aria-label="Năm của danh mục"
          />
        </Field>
        {plan ? (
          <span className={`badge ${plan.status === 'approved' ? 'badge-ok' : 'badge-warn'}`}>
            {plan.status === 'approved' ? `Đã phê duyệt: QĐ số ${plan.decisionNumber} ngày ${vnDate(plan.decisionDate)}` : 'Dự thảo'}
          </span>
        ) : null}
        <span className="spacer" />
        {missing ? (
          <RightButton
            method="fileplan.copy"
            hideIfDenied
            className="btn btn-small"
            onClick={() => void act('fileplan.copy', { from: year - 1, year }, `Đã tạo danh mục năm ${year} từ năm ${year - 1}`)}
          >
            Lập từ danh mục năm {year - 1}
          </RightButton>
        ) : null}
        {plan ? (
          <RightButton
            method="fileplan.print"
            className="btn btn-small"
            // The printed plan is the whole year's record (the service refuses a part).
            disabled={plan.totals.unseen > 0}
            title={plan.totals.unseen > 0 ? 'Danh mục có hồ sơ bạn không được xem: hãy nhờ văn thư hoặc lưu trữ in.' : undefined}
            onClick={async () => saveFile(await act('fileplan.print', { year }))}
          >
            In danh mục
          </RightButton>
        ) : null}
      </div>

      {plan ? (
        <table className="data-table archive-tree" aria-label={`Danh mục hồ sơ năm ${year}`}>
          <thead>
            <tr>
              <th scope="col">Số và ký hiệu hồ sơ</th>
              <th scope="col">Tên đề mục và tiêu đề hồ sơ</th>
              <th scope="col">Thời hạn bảo quản</th>
              <th scope="col">Người lập hồ sơ</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {plan.headings.map((h) => [
              <tr key={`h${h.id}`} className={h.parentId === null ? 'plan-big' : 'plan-small'}>
                <td />
                <td colSpan={4}>
                  {h.number}. {h.parentId === null ? h.title.toLocaleUpperCase('vi') : h.title}
                  {h.abbreviation ? <span className="muted small"> ({h.abbreviation})</span> : null}
                </td>
              </tr>,
              ...plan.dossiers
                .filter((d) => d.headingId === h.id)
                .map((d) => (
                  <tr key={`d${d.id}`} data-dossier={d.code}>
                    <td className="nowrap">{d.code}</td>
                    <td>{d.title}</td>
                    <td className="nowrap">{retentionLabel(d.retention)}</td>
                    <td>{d.creator ?? ''}</td>
                    <td className="nowrap">
                      {d.state === 'planned' ? (
                        <RightButton
                          method="dossier.open"
                          className="btn btn-small"
                          onClick={async () => {
                            const opened = await act('dossier.open', { id: d.id }, `Đã mở hồ sơ ${d.code}`);
                            if (opened) useArchive.getState().openDossier(opened.id);
                          }}
                        >
                          Mở hồ sơ
                        </RightButton>
                      ) : (
                        <button type="button" className="btn btn-small btn-ghost" onClick={() => useArchive.getState().openDossier(d.id)}>
                          {STATE_LABELS[d.state]}
                        </button>
                      )}
                    </td>
                  </tr>
                )),
            ])}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={5} className="plan-total">
                Danh mục hồ sơ này có {plan.totals.dossiers} hồ sơ, bao gồm: {plan.totals.permanent} hồ sơ bảo quản vĩnh viễn;{' '}
                {plan.totals.limited} hồ sơ bảo quản có thời hạn.
                {plan.totals.unseen > 0
                  ? ` Ngoài ra danh mục còn ${plan.totals.unseen} hồ sơ bạn không được xem (của đơn vị khác hoặc hồ sơ mật).`
                  : null}
              </td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p className="muted">
          Chưa có danh mục hồ sơ năm {year}.
          {rights.can('fileplan.addHeading') ? ' Thêm đề mục đầu tiên để lập danh mục, hoặc lập từ danh mục năm trước.' : ''}
        </p>
      )}

      {draft && rights.canAny('fileplan.addHeading', 'fileplan.approve') ? (
        <div className="archive-forms">
          {rights.can('fileplan.addHeading') ? (
            <form
              className="panel-box"
              aria-label="Thêm đề mục"
              onSubmit={async (e) => {
                e.preventDefault();
                const input = heading.parent
                  ? { year, title: heading.title, parent: heading.parent }
                  : { year, title: heading.title, abbreviation: heading.abbreviation };
                if (await act('fileplan.addHeading', input, 'Đã thêm đề mục')) setHeading({ title: '', abbreviation: '', parent: '' });
              }}
            >
              <h3>Thêm đề mục</h3>
              <Field label="Tên đề mục" wide>
                <input value={heading.title} onChange={(e) => setHeading({ ...heading, title: e.target.value })} />
              </Field>
              <Field label="Thuộc đề mục lớn (để trống nếu là đề mục lớn)">
                <select value={heading.parent} onChange={(e) => setHeading({ ...heading, parent: e.target.value })}>
                  <option value="">— Đề mục lớn —</option>
                  {bigs.map((b) => (
                    <option key={b.id} value={b.abbreviation!}>
                      {b.number}. {b.title}
                    </option>
                  ))}
                </select>
              </Field>
              {heading.parent ? null : (
                <Field label="Ký hiệu đề mục lớn (ví dụ TCCB)">
                  <input
                    value={heading.abbreviation}
                    onChange={(e) => setHeading({ ...heading, abbreviation: e.target.value.toLocaleUpperCase('vi') })}
                  />
                </Field>
              )}
              <button type="submit" className="btn btn-primary">
                Thêm đề mục
              </button>
            </form>
          ) : null}

          {plan && plan.headings.length && rights.can('fileplan.addDossier') ? (
            <form
              className="panel-box"
              aria-label="Thêm hồ sơ vào danh mục"
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await act(
                  'fileplan.addDossier',
                  {
                    year,
                    heading: dossier.heading || headingRefs[0]!.ref,
                    title: dossier.title,
                    retention: dossier.retention,
                    ...(dossier.creator ? { creator: dossier.creator } : {}),
                  },
                  'Đã thêm hồ sơ vào danh mục',
                );
                if (r) setDossier({ ...dossier, title: '', retention: '' });
              }}
            >
              <h3>Thêm hồ sơ</h3>
              <Field label="Đề mục">
                <select value={dossier.heading} onChange={(e) => setDossier({ ...dossier, heading: e.target.value })}>
                  {headingRefs.map((h) => (
                    <option key={h.ref} value={h.ref}>
                      {h.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Tiêu đề hồ sơ" wide>
                <input value={dossier.title} onChange={(e) => setDossier({ ...dossier, title: e.target.value })} />
              </Field>
              <Field label="Thời hạn bảo quản («Vĩnh viễn» hoặc số năm)">
                <input
                  value={dossier.retention}
                  list="archive-retentions"
                  onChange={(e) => setDossier({ ...dossier, retention: e.target.value })}
                />
              </Field>
              <datalist id="archive-retentions">
                {['Vĩnh viễn', '70', '50', '20', '10', '5'].map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
              <Field label="Người lập hồ sơ">
                <input value={dossier.creator} onChange={(e) => setDossier({ ...dossier, creator: e.target.value })} />
              </Field>
              <button type="submit" className="btn btn-primary">
                Thêm hồ sơ
              </button>
            </form>
          ) : null}

          {plan && plan.dossiers.length && rights.can('fileplan.approve') ? (
            <form
              className="panel-box"
              aria-label="Phê duyệt danh mục"
              onSubmit={(e) => {
                e.preventDefault();
                void act(
                  'fileplan.approve',
                  { year, decisionNumber: decision.number, decisionDate: decision.date },
                  `Đã ghi nhận phê duyệt danh mục năm ${year}`,
                );
              }}
            >
              <h3>Phê duyệt</h3>
              <Field label="Số quyết định">
                <input value={decision.number} onChange={(e) => setDecision({ ...decision, number: e.target.value })} />
              </Field>
              <Field label="Ngày quyết định (dd/mm/yyyy)">
                <input
                  value={decision.date}
                  placeholder="05/01/2026"
                  onChange={(e) => setDecision({ ...decision, date: e.target.value })}
                />
              </Field>
              <button type="submit" className="btn btn-primary">
                Ghi nhận phê duyệt
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
