/**
 * "Bảng nhiệm vụ": tasks in columns by the status a person reads (overdue and done-late are
 * judged by the server against the deadline). A card opens for editing; its "Chuyển" list
 * moves it to another stored status (new, in progress, done, cancelled).
 */
import { useCallback, useEffect, useState } from 'react';
import { TASK_STATUS_LABELS, type Task, type TaskStatus, type TaskViewStatus } from '../../../shared/domain/workflow';
import { call } from '../../api/client';
import { formatVnDate } from '../../lib/dates';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { useFollowup } from './followupStore';
import { STORED_STATUSES, TaskDialog } from './TaskDialog';
import { UnitSelect } from './UnitSelect';
import { useUnits } from './unitsStore';
import { daysBetween, today } from './util';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';

const COLUMNS: TaskViewStatus[] = ['new', 'in_progress', 'done', 'overdue', 'done_late', 'cancelled'];

function Card({ task, onEdit, onMove }: { task: Task; onEdit(): void; onMove(s: TaskStatus): void }) {
  // Changing a task is the clerk's and the leader's; the others read the board.
  const why = useRights().why('task.update');
  const d = daysBetween(today(), task.deadline);
  const open = task.status === 'new' || task.status === 'in_progress';
  return (
    <li className={`task-card task-${task.displayStatus}`} data-task={task.id}>
      {why ? (
        <div className="task-title">{task.title}</div>
      ) : (
        <button type="button" className="task-title" onClick={onEdit} title="Sửa nhiệm vụ">
          {task.title}
        </button>
      )}
      <div className="task-meta">
        <strong>{task.leadUnit}</strong>
        {task.supportUnits.length ? <span className="muted"> + {task.supportUnits.join(', ')}</span> : null}
      </div>
      <div className="task-meta">
        Hạn {formatVnDate(task.deadline)}
        {open ? (
          d < 0 ? (
            <span className="fu-late"> · quá {-d} ngày</span>
          ) : d <= 3 ? (
            <span className="fu-due"> · còn {d} ngày</span>
          ) : null
        ) : task.doneAt && task.status === 'done' ? (
          <span className="muted"> · xong {formatVnDate(task.doneAt)}</span>
        ) : null}
      </div>
      {task.source ? <div className="task-meta muted small">{task.source}</div> : null}
      <label className="task-move">
        <span className="visually-hidden">Chuyển trạng thái: {task.title}</span>
        <select
          value=""
          disabled={!!why}
          title={why || undefined}
          aria-label={`Chuyển trạng thái nhiệm vụ ${task.id}`}
          onChange={(e) => {
            if (e.target.value) onMove(e.target.value as TaskStatus);
          }}
        >
          <option value="">Chuyển sang…</option>
          {STORED_STATUSES.filter((s) => s !== task.status).map((s) => (
            <option key={s} value={s}>
              {TASK_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}

export function TaskBoard() {
  const unit = useFollowup((s) => s.unit);
  const units = useUnits((s) => s.units);
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [editing, setEditing] = useState<Task | null | 'new'>(null);

  const load = useCallback(async () => {
    const r = await call('task.list', unit ? { unit } : {});
    if (r.ok) setTasks(r.value);
    else toastError(r.error);
  }, [unit]);

  useEffect(() => {
    void load();
  }, [load]);

  const move = async (t: Task, status: TaskStatus) => {
    const r = await call('task.update', { id: t.id, data: { status } });
    if (!r.ok) return toastError(r.error);
    toastSuccess(`Nhiệm vụ chuyển sang «${TASK_STATUS_LABELS[r.value.displayStatus]}».`);
    await load();
  };

  return (
    <div className="task-board-screen">
      <div className="fu-toolbar">
        <label className="filter">
          Đơn vị
          <UnitSelect
            aria-label="Lọc nhiệm vụ theo đơn vị"
            units={units}
            value={unit}
            onChange={(code) => useFollowup.getState().setUnit(code)}
          />
        </label>
        <span className="muted small">{tasks ? `${tasks.length} nhiệm vụ` : 'Đang tải…'}</span>
        <span className="spacer" />
        <RightButton
          method="task.add"
          className="btn btn-primary"
          onClick={() => setEditing('new')}
          disabled={units.length === 0}
          title={units.length ? undefined : 'Cần có đơn vị trước'}
        >
          Thêm nhiệm vụ
        </RightButton>
      </div>
      <div className="task-board" aria-label="Bảng nhiệm vụ">
        {COLUMNS.map((c) => {
          const list = (tasks ?? []).filter((t) => t.displayStatus === c);
          return (
            <section key={c} className={`task-col task-col-${c}`} aria-label={TASK_STATUS_LABELS[c]}>
              <h3>
                {TASK_STATUS_LABELS[c]} <span className="task-count">{list.length}</span>
              </h3>
              <ul className="task-list">
                {list.map((t) => (
                  <Card key={t.id} task={t} onEdit={() => setEditing(t)} onMove={(s) => void move(t, s)} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {editing !== null ? (
        <TaskDialog
          task={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(t) => {
            setEditing(null);
            toastSuccess(editing === 'new' ? `Đã thêm nhiệm vụ #${t.id}.` : 'Đã lưu nhiệm vụ.');
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
