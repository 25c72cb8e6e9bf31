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

const TABS: [FollowupView, string][] = [
  ['lists', 'Quá hạn, sắp đến hạn'],
  ['tasks', 'Bảng nhiệm vụ'],
  ['dashboard', 'Thống kê'],
  ['units', 'Đơn vị xử lý'],
];

export function FollowupScreen() {
  const view = useFollowup((s) => s.view);
  useEffect(() => {
    void useUnits.getState().load();
  }, []);
  return (
    <div className="module-screen">
      <nav className="subnav" aria-label="Theo dõi xử lý">
        {TABS.map(([v, label]) => (
          <button
            key={v}
            type="button"
            className={`subtab${view === v ? ' current' : ''}`}
            aria-current={view === v ? 'page' : undefined}
            onClick={() => useFollowup.getState().show(v)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div className="module-body">
        {view === 'lists' ? <FollowupLists /> : null}
        {view === 'tasks' ? <TaskBoard /> : null}
        {view === 'dashboard' ? <Dashboard /> : null}
        {view === 'units' ? <UnitsAdmin /> : null}
      </div>
    </div>
  );
}
