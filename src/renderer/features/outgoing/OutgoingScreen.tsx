/**
 * The "Văn bản đi" tab: the register of outgoing documents, the drafting form with its
 * live preview, one document with its signing steps, and the signature check. Keys while
 * this tab is shown: Ctrl+N (Alt+N in a browser) new draft, Ctrl+F search, Ctrl+P print
 * the outgoing register.
 */
import { useEffect, useState } from 'react';
import { OutgoingDetail } from './OutgoingDetail';
import { OutgoingForm } from './OutgoingForm';
import { OutgoingList } from './OutgoingList';
import { useOutgoing } from './outgoingStore';
import { PrintOutgoingDialog } from './PrintOutgoingDialog';
import { VerifyPanel } from './VerifyPanel';
import '../../styles/modules.css';
import './outgoing.css';
import { RightButton } from '../accounts/RightButton';
import { currentRights, useRights } from '../accounts/rights';

export function OutgoingScreen() {
  const view = useOutgoing((s) => s.view);
  const [printOpen, setPrintOpen] = useState(false);

  useEffect(() => {
    if (useOutgoing.getState().view.name === 'list') void useOutgoing.getState().reload();
  }, []);

  // Captured before the window's global keys (which belong to the incoming register).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      const mod = e.ctrlKey || e.metaKey;
      let handled = true;
      // Shortcuts follow rights: drafting and printing the book only for the roles that may.
      const r = currentRights();
      if ((mod && !e.shiftKey && key === 'n') || (e.altKey && !e.ctrlKey && key === 'n')) {
        if (r.can('outgoing.draft')) useOutgoing.getState().show({ name: 'form' });
      } else if (mod && key === 'f') useOutgoing.getState().focusSearch();
      else if (mod && key === 'p') {
        if (r.can('outgoing.registerPrint')) setPrintOpen(true);
      } else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const rights = useRights();
  const tab = (name: 'list' | 'form' | 'verify', label: string, title?: string) => {
    const why = name === 'form' ? rights.why('outgoing.draft') : '';
    const current =
      name === 'form'
        ? view.name === 'form' && view.id === undefined
        : view.name === name || (name === 'list' && (view.name === 'detail' || (view.name === 'form' && view.id !== undefined)));
    return (
      <button
        type="button"
        className={`subtab${current ? ' current' : ''}`}
        aria-current={current ? 'page' : undefined}
        title={why ? (title ? `${title} — ${why}` : why) : title}
        disabled={!!why}
        onClick={() => useOutgoing.getState().show(name === 'form' ? { name: 'form' } : { name })}
      >
        {label}
      </button>
    );
  };

  return (
    <div className="module-screen">
      <nav className="subnav" aria-label="Văn bản đi">
        {tab('list', 'Sổ văn bản đi')}
        {tab('form', 'Soạn văn bản mới', 'Ctrl+N')}
        {tab('verify', 'Kiểm tra chữ ký số')}
        <span className="spacer" />
        <RightButton method="outgoing.registerPrint" className="btn btn-small" onClick={() => setPrintOpen(true)} title="Ctrl+P">
          In sổ văn bản đi
        </RightButton>
      </nav>
      <div className="module-body">
        {view.name === 'list' ? <OutgoingList /> : null}
        {view.name === 'form' ? <OutgoingForm key={view.id ?? 'new'} id={view.id} /> : null}
        {view.name === 'detail' ? <OutgoingDetail key={view.id} id={view.id} /> : null}
        {view.name === 'verify' ? <VerifyPanel /> : null}
      </div>
      {printOpen ? <PrintOutgoingDialog onClose={() => setPrintOpen(false)} /> : null}
    </div>
  );
}
