/** Processing and follow-up of incoming documents and tasks (Decree 30 Art. 24). */

export interface Unit {
  id: number;
  code: string;
  name: string;
}

export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  assigned: 'Đã giao',
  in_progress: 'Đang xử lý',
  done: 'Hoàn thành',
};

export interface Assignment {
  id: number;
  documentId: number;
  unit: string;
  unitName: string;
  role: 'lead' | 'support';
  dueDate: string;
  direction: string | null;
  directedBy: string;
  assignedAt: string;
  status: AssignmentStatus;
  doneAt: string | null;
  replySymbol: string | null;
  /** Set when a later direction replaced this one (history). */
  replacedAt: string | null;
}

/** Stored task statuses; "done late" and "overdue" are derived from the deadline. */
export const TASK_STATUSES = ['new', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_VIEW_STATUSES = ['new', 'in_progress', 'done', 'done_late', 'overdue', 'cancelled'] as const;
export type TaskViewStatus = (typeof TASK_VIEW_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskViewStatus, string> = {
  new: 'Mới giao',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  done_late: 'Hoàn thành quá hạn',
  overdue: 'Quá hạn',
  cancelled: 'Đã hủy',
};

export interface Task {
  id: number;
  title: string;
  source: string | null;
  documentId: number | null;
  leadUnit: string;
  supportUnits: string[];
  deadline: string;
  status: TaskStatus;
  /** The status a person reads: done late and overdue are judged against the deadline. */
  displayStatus: TaskViewStatus;
  note: string | null;
  replySymbol: string | null;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UnitFigures {
  unit: string;
  name: string;
  assigned: number;
  completed: number;
  completedOnTime: number;
  overdue: number;
  inProgress: number;
  onTimeRate: number | null;
}

export interface Report {
  from: string;
  to: string;
  unit: string | null;
  /** Overdue is judged on this day: the period's end, or today if that is earlier. */
  asOf: string;
  received: number;
  receivedByType: Record<string, number>;
  receivedByChannel: Record<string, number>;
  receivedByUrgency: Record<string, number>;
  assigned: number;
  completed: number;
  completedOnTime: number;
  overdue: number;
  inProgress: number;
  onTimeRate: number | null;
  byUnit: UnitFigures[];
  tasks: Record<TaskViewStatus, number> & { total: number };
}
