/**
 * The "Theo dõi xử lý" tab (Decree 30 Art. 24, "theo dõi, đôn đốc"): overdue and due-soon
 * lists, the task board, the statistics dashboard and the units.
 */
import { useEffect } from 'react';
import { Dashboard } from './Dashboard';
import { FollowupLists } from './FollowupLists';
import { useFollowup, type FollowupView } from './followupStore';
import { TaskBoard } from './TaskBoard';
import { UnitsAdmin } from './UnitsAdmin';
import { useUnits } from './unitsStore';
import '../../styles/modules.css';
import './followup.css';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import type { MethodName } from '../../../shared/contract';

/** Each part and the contract method it shows. */
const TABS: [FollowupView, string, MethodName][] = [
  ['lists', 'Quá hạn, sắp đến hạn', 'followup.overdue'],
  ['tasks', 'Bảng nhiệm vụ', 'task.list'],
  ['dashboard', 'Thống kê', 'report.get'],
  ['units', 'Đơn vị xử lý', 'unit.list'],
];

export function FollowupScreen() {
  const view = useFollowup((s) => s.view);
  const rights = useRights();
  const allowed = TABS.find(([v]) => v === view)?.[2];
  // A part the person may not use is never shown: the first one they may use instead.
  const shown = allowed && rights.can(allowed) ? view : (TABS.find(([, , m]) => rights.can(m))?.[0] ?? 'units');
  useEffect(() => {
    void useUnits.getState().load();
  }, []);
  return (
    <div className="module-screen">
      <nav className="subnav" aria-label="Theo dõi xử lý">
        {TABS.map(([v, label, method]) => (
          <RightButton
            key={v}
            method={method}
            className={`subtab${shown === v ? ' current' : ''}`}
            aria-current={shown === v ? 'page' : undefined}
            onClick={() => useFollowup.getState().show(v)}
          >
            {label}
          </RightButton>
        ))}
      </nav>
      <div className="module-body">
        {shown === 'lists' ? <FollowupLists /> : null}
        {shown === 'tasks' ? <TaskBoard /> : null}
        {shown === 'dashboard' ? <Dashboard /> : null}
        {shown === 'units' ? <UnitsAdmin /> : null}
      </div>
    </div>
  );
}
