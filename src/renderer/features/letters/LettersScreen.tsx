/**
 * The «Tiếp công dân» tab (issue 15): the letters register ("sổ tiếp nhận, xử lý đơn"), the
 * reception form, one letter with its handling steps, the hotline, the statistics and the
 * office's periodic report. Keys while this tab is shown: Ctrl+N (Alt+N in a browser) a new
 * letter, Ctrl+F the register's search.
 */
import { useEffect } from 'react';
import type { MethodName } from '../../../shared/contract';
import { RightButton } from '../accounts/RightButton';
import { currentRights, useRights } from '../accounts/rights';
import { useUnits } from '../followup/unitsStore';
import { HotlineView } from './HotlineView';
import { LetterDetail } from './LetterDetail';
import { LetterForm } from './LetterForm';
import { LetterList } from './LetterList';
import { useLetters, type LettersView } from './lettersStore';
import { ReportView } from './ReportView';
import { StatsView } from './StatsView';
import '../../styles/modules.css';
import './letters.css';

type Part = Exclude<LettersView['name'], 'detail'>;
/** Each part and the contract method it needs (src/shared/permissions.ts decides). */
const PARTS: [Part, string, MethodName][] = [
  ['register', 'Sổ tiếp nhận đơn', 'letter.list'],
  ['form', 'Tiếp nhận đơn', 'letter.add'],
  ['hotline', 'Đường dây nóng', 'hotline.list'],
  ['stats', 'Thống kê', 'letter.stats'],
  ['report', 'Báo cáo định kỳ', 'report.office'],
];

export function LettersScreen() {
  const view = useLetters((s) => s.view);
  const rights = useRights();
  const current: Part = view.name === 'detail' ? 'register' : view.name;
  const allowed = PARTS.find(([p]) => p === current)?.[2];
  // A part the person may not use is never shown: the first one they may use instead.
  const shown: LettersView = allowed && rights.can(allowed) ? view : { name: PARTS.find(([, , m]) => rights.can(m))?.[0] ?? 'register' };

  useEffect(() => {
    void useUnits.getState().load();
    if (useLetters.getState().view.name === 'register') void useLetters.getState().reload();
  }, []);

  // Captured before the window's global keys (which belong to the incoming register).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      const mod = e.ctrlKey || e.metaKey;
      let handled = true;
      const r = currentRights();
      if ((mod && !e.shiftKey && key === 'n') || (e.altKey && !e.ctrlKey && key === 'n')) {
        if (r.can('letter.add')) useLetters.getState().show({ name: 'form' });
      } else if (mod && key === 'f') {
        useLetters.getState().show({ name: 'register' });
        setTimeout(() => document.getElementById('letters-query')?.focus(), 0);
      } else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="module-screen letters-screen">
      <nav className="subnav" aria-label="Tiếp công dân">
        {PARTS.map(([p, label, method]) => (
          <RightButton
            key={p}
            method={method}
            className={`subtab${current === p ? ' current' : ''}`}
            aria-current={current === p ? 'page' : undefined}
            title={p === 'form' ? 'Ctrl+N' : undefined}
            onClick={() => useLetters.getState().show({ name: p })}
          >
            {label}
          </RightButton>
        ))}
      </nav>
      <div className="module-body letters-body">
        {shown.name === 'register' ? <LetterList /> : null}
        {shown.name === 'form' ? <LetterForm /> : null}
        {shown.name === 'detail' ? <LetterDetail key={shown.id} id={shown.id} /> : null}
        {shown.name === 'hotline' ? <HotlineView /> : null}
        {shown.name === 'stats' ? <StatsView /> : null}
        {shown.name === 'report' ? <ReportView /> : null}
      </div>
    </div>
  );
}
