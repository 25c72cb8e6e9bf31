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

const PARTS: [ArchivePart, string][] = [
  ['plan', 'Danh mục hồ sơ'],
  ['dossiers', 'Hồ sơ'],
  ['handover', 'Nộp lưu'],
  ['destruction', 'Hủy tài liệu'],
  ['holds', 'Đóng băng'],
  ['usage', 'Sổ sử dụng'],
];

export function ArchiveScreen() {
  const part = useArchive((s) => s.part);
  return (
    <div className="module-screen">
      <nav className="subnav" aria-label="Lưu trữ">
        {PARTS.map(([p, label]) => (
          <button
            key={p}
            type="button"
            className={`subtab${part === p ? ' current' : ''}`}
            aria-current={part === p ? 'page' : undefined}
            onClick={() => useArchive.getState().show(p)}
          >
            {label}
          </button>
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
