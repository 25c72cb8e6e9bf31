/**
 * The "Lưu trữ" tab (issue 14): the archivist's screens — the file plan as a tree, dossiers
 * and their documents, hand-over to the agency archive, destruction of expired records,
 * holds, and the usage register.
 */
import { useArchive, type ArchivePart } from './archiveStore';
import { DestructionView } from './DestructionView';
import { DossiersView } from './DossiersView';
import { FilePlanView } from './FilePlanView';
import { HandoverView } from './HandoverView';
import { HoldsView } from './HoldsView';
import { UsageView } from './UsageView';
import '../../styles/modules.css';
import './archive.css';
import type { MethodName } from '../../../shared/contract';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';

/** Each part and the contract method it opens with (its rule decides who may use the part). */
const PARTS: [ArchivePart, string, MethodName][] = [
  ['plan', 'Danh mục hồ sơ', 'fileplan.get'],
  ['dossiers', 'Hồ sơ', 'dossier.list'],
  ['handover', 'Nộp lưu', 'handover.due'],
  // A leader opens it to record the council's decision; the archivist lists and proposes.
  ['destruction', 'Hủy tài liệu', 'destruction.get'],
  ['holds', 'Đóng băng', 'hold.list'],
  ['usage', 'Sổ sử dụng', 'usage.list'],
];

export function ArchiveScreen() {
  const chosen = useArchive((s) => s.part);
  const rights = useRights();
  const allowed = PARTS.find(([p]) => p === chosen)?.[2];
  // A part the person may not use is never shown: the first one they may use instead.
  const part = allowed && rights.can(allowed) ? chosen : (PARTS.find(([, , m]) => rights.can(m))?.[0] ?? 'plan');
  return (
    <div className="module-screen">
      <nav className="subnav" aria-label="Lưu trữ">
        {PARTS.map(([p, label, method]) => (
          <RightButton
            key={p}
            method={method}
            className={`subtab${part === p ? ' current' : ''}`}
            aria-current={part === p ? 'page' : undefined}
            onClick={() => useArchive.getState().show(p)}
          >
            {label}
          </RightButton>
        ))}
      </nav>
      <div className="module-body">
        {part === 'plan' ? <FilePlanView /> : null}
        {part === 'dossiers' ? <DossiersView /> : null}
        {part === 'handover' ? <HandoverView /> : null}
        {part === 'destruction' ? <DestructionView /> : null}
        {part === 'holds' ? <HoldsView /> : null}
        {part === 'usage' ? <UsageView /> : null}
      </div>
    </div>
  );
}
