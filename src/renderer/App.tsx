/**
 * The window: header with the screens, the current screen, the status bar, toasts and the
 * print dialog. Global keys: Ctrl+N (or Alt+N in a browser, where Ctrl+N opens a window)
 * new document, Ctrl+F search, Ctrl+P print the book.
 */
import { useEffect, useState } from 'react';
import { getBridge } from './api/bridge';
import type { MenuEvent } from '../shared/menuEvents';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ArchiveScreen } from './features/archive/ArchiveScreen';
import { DocumentDetail } from './features/detail/DocumentDetail';
import { FollowupScreen } from './features/followup/FollowupScreen';
import { InterchangeScreen } from './features/interchange/InterchangeScreen';
import { ImportView } from './features/import/ImportView';
import { OutgoingScreen } from './features/outgoing/OutgoingScreen';
import { PrintRegisterDialog } from './features/print/PrintRegisterDialog';
import { IncomingForm } from './features/register-form/IncomingForm';
import { RegisterTable } from './features/register-list/RegisterTable';
import { FilterBar } from './features/search/FilterBar';
import { SearchBox } from './features/search/SearchBox';
import { useApp } from './stores/appStore';
import { UserMenu, useAccountDialogs } from './features/accounts/UserMenu';
import { useSession } from './features/accounts/sessionStore';
import { useRegisterList } from './stores/registerListStore';

function RegisterScreen() {
  const [formOpen, setFormOpen] = useState(true);
  const focusTick = useApp((s) => s.focusFormTick);
  useEffect(() => {
    if (focusTick > 0) setFormOpen(true);
  }, [focusTick]);
  return (
    <div className={`register-screen${formOpen ? '' : ' form-closed'}`}>
      {formOpen ? (
        <aside className="form-panel" aria-label="Vào sổ văn bản đến">
          <IncomingForm mode={{ kind: 'create' }} />
        </aside>
      ) : null}
      <section className="list-panel" aria-label="Sổ văn bản đến">
        <div className="list-toolbar">
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-expanded={formOpen}
            title={formOpen ? 'Thu gọn biểu mẫu để xem sổ rộng hơn' : 'Mở biểu mẫu vào sổ'}
            onClick={() => setFormOpen((o) => !o)}
          >
            {formOpen ? '« Thu gọn' : '» Vào sổ'}
          </button>
          <h2 className="list-title">Sổ văn bản đến</h2>
          <SearchBox />
        </div>
        <FilterBar />
        <RegisterTable />
      </section>
    </div>
  );
}

export function App() {
  const view = useApp((s) => s.view);
  const printOpen = useApp((s) => s.printOpen);
  const info = useApp((s) => s.info);
  const { show, setPrintOpen, focusForm, focusSearch, loadInfo } = useApp.getState();
  const account = useAccountDialogs();
  const openChangePassword = account.openChange;

  useEffect(() => {
    void loadInfo();
    void useRegisterList.getState().reload();
  }, [loadInfo]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      if (((e.ctrlKey || e.metaKey) && !e.shiftKey && key === 'n') || (e.altKey && !e.ctrlKey && key === 'n')) {
        e.preventDefault();
        focusForm();
      } else if ((e.ctrlKey || e.metaKey) && key === 'f') {
        e.preventDefault();
        focusSearch();
      } else if ((e.ctrlKey || e.metaKey) && key === 'p') {
        e.preventDefault();
        setPrintOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    // Desktop menu commands (src/shared/menuEvents.ts); nothing to subscribe to in a browser.
    const onMenu = (event: MenuEvent) => {
      if (event === 'menu:new-incoming') focusForm();
      else if (event === 'menu:print-register') setPrintOpen(true);
      else if (event === 'menu:import-register') show({ name: 'import' });
      else if (event === 'menu:change-password') openChangePassword();
      else if (event === 'menu:logout') void useSession.getState().signOut();
    };
    const off = getBridge()?.onMenu(onMenu) ?? (() => undefined);
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [focusForm, focusSearch, setPrintOpen, show, openChangePassword]);

  useEffect(() => {
    document.title = info?.orgName ? `VănThư — ${info.orgName}` : 'VănThư — Sổ văn bản đến';
  }, [info?.orgName]);

  const tab = (name: 'register' | 'import' | 'outgoing' | 'followup' | 'interchange' | 'archive', label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view.name === name || (name === 'register' && view.name === 'detail')}
      className="tab"
      onClick={() => show({ name })}
    >
      {label}
    </button>
  );

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="./icon.png" alt="" width="22" height="22" />
          <span className="brand-name">VănThư</span>
          {info?.orgName ? <span className="brand-org">{info.orgName}</span> : null}
        </div>
        <nav className="tabs" role="tablist" aria-label="Màn hình">
          {tab('register', 'Văn bản đến')}
          {tab('outgoing', 'Văn bản đi')}
          {tab('followup', 'Theo dõi xử lý')}
          {tab('interchange', 'Liên thông')}
          {tab('archive', 'Lưu trữ')}
          {tab('import', 'Nhập sổ cũ')}
        </nav>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-header" onClick={() => setPrintOpen(true)} title="In sổ (Ctrl+P)">
          In sổ
        </button>
        <UserMenu onChangePassword={openChangePassword} />
      </header>
      <ConnectionBanner />
      <main className="app-main">
        {view.name === 'register' ? <RegisterScreen /> : null}
        {view.name === 'detail' ? <DocumentDetail key={view.id} id={view.id} startEditing={!!view.edit} /> : null}
        {view.name === 'import' ? <ImportView /> : null}
        {view.name === 'outgoing' ? <OutgoingScreen /> : null}
        {view.name === 'followup' ? <FollowupScreen /> : null}
        {view.name === 'interchange' ? <InterchangeScreen /> : null}
        {view.name === 'archive' ? <ArchiveScreen /> : null}
      </main>
      <StatusBar />
      <Toasts />
      {printOpen ? <PrintRegisterDialog onClose={() => setPrintOpen(false)} /> : null}
      {account.dialog}
    </div>
  );
}
