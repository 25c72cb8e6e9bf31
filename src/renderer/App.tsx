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
import { CaptureScreen, enqueueFiles } from './features/capture/CaptureScreen';
import { DocumentDetail } from './features/detail/DocumentDetail';
import { FollowupScreen } from './features/followup/FollowupScreen';
import { InterchangeScreen } from './features/interchange/InterchangeScreen';
import { LettersScreen } from './features/letters/LettersScreen';
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
import { AccountsAdmin } from './features/accounts/AccountsAdmin';
import { TrustAdmin } from './features/trust/TrustAdmin';
import { RightButton } from './features/accounts/RightButton';
import { currentRights, useRights } from './features/accounts/rights';
import type { MethodName } from '../shared/contract';
import { readsOnlyOwnUnit } from '../shared/domain/accounts';
import type { View } from './stores/appStore';

/**
 * Each tab and the contract methods behind it: the tab is usable when the person may call at
 * least one of them (src/shared/permissions.ts decides, through the rights helper).
 */
type TabName = Exclude<View['name'], 'detail'>;
const TAB_METHODS: Record<TabName, MethodName[]> = {
  register: ['incoming.list'],
  capture: ['capture.start'],
  outgoing: ['outgoing.list'],
  // The units' directory lives here too: the administrator keeps it for the accounts.
  followup: ['followup.overdue', 'task.list', 'report.get', 'unit.add'],
  interchange: ['edxml.received', 'organ.add'],
  letters: ['letter.list', 'hotline.list'],
  archive: ['fileplan.get'],
  import: ['import.start'],
  accounts: ['account.list'],
  // The trust store's changes are the administrator's; everyone else reads it in the verify panel.
  trust: ['trust.import'],
};
const TAB_ORDER: TabName[] = [
  'register',
  'capture',
  'outgoing',
  'followup',
  'letters',
  'interchange',
  'archive',
  'import',
  'accounts',
  'trust',
];

/** A specialist reads only the documents assigned to their unit: the list says so. */
function OwnUnitNote() {
  const session = useSession((s) => s.session);
  if (!session || !readsOnlyOwnUnit(session.roles)) return null;
  return (
    <span className="muted own-unit-note" data-testid="own-unit-note">
      {session.unitName ? `Văn bản giao cho ${session.unitName}` : 'Tài khoản chưa thuộc đơn vị nào: chưa có văn bản được giao'}
    </span>
  );
}

function RegisterScreen() {
  // Who may not register (a leader, a specialist, an archivist) reads the register only.
  const canRegister = useRights().can('incoming.add');
  const [formOpenState, setFormOpen] = useState(true);
  const formOpen = canRegister && formOpenState;
  const [dropping, setDropping] = useState(false);
  const mayCapture = useRights().can('capture.start');
  const focusTick = useApp((s) => s.focusFormTick);
  useEffect(() => {
    if (focusTick > 0) setFormOpen(true);
  }, [focusTick]);
  return (
    <div className={`register-screen${formOpen ? '' : ' form-closed'}`}>
      {formOpen ? (
        <aside
          className={`form-panel${dropping ? ' dropping' : ''}`}
          aria-label="Vào sổ văn bản đến"
          // Scans dropped on the form become pending registrations, pre-filled from their text.
          onDragOver={(e) => {
            if (!mayCapture || ![...e.dataTransfer.types].includes('Files')) return;
            e.preventDefault();
            setDropping(true);
          }}
          onDragLeave={() => setDropping(false)}
          onDrop={(e) => {
            if (!mayCapture || !e.dataTransfer.files.length) return;
            e.preventDefault();
            setDropping(false);
            if (enqueueFiles(e.dataTransfer.files)) useApp.getState().show({ name: 'capture' });
          }}
        >
          <IncomingForm mode={{ kind: 'create' }} />
          {dropping ? (
            <div className="drop-hint">Thả bản quét vào đây: mỗi tệp thành một văn bản chờ vào sổ, các trường được điền sẵn.</div>
          ) : null}
        </aside>
      ) : null}
      <section className="list-panel" aria-label="Sổ văn bản đến">
        <div className="list-toolbar">
          {canRegister ? (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-expanded={formOpen}
              title={formOpen ? 'Thu gọn biểu mẫu để xem sổ rộng hơn' : 'Mở biểu mẫu vào sổ'}
              onClick={() => setFormOpen((o) => !o)}
            >
              {formOpen ? '« Thu gọn' : '» Vào sổ'}
            </button>
          ) : null}
          <h2 className="list-title">Sổ văn bản đến</h2>
          <OwnUnitNote />
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
  const rights = useRights();
  const tabAllowed = (name: TabName) => rights.canAny(...TAB_METHODS[name]);
  const readsRegister = rights.can('incoming.list');

  useEffect(() => {
    void loadInfo();
    // Someone who reads no register (an administrator only) starts on the first screen they may use.
    const r = currentRights();
    if (r.can('incoming.list')) void useRegisterList.getState().reload();
    else {
      // An administrator starts on the accounts; anyone else on the first screen they may use.
      const first = r.can('account.list') ? 'accounts' : TAB_ORDER.find((t) => r.canAny(...TAB_METHODS[t]));
      if (first) show({ name: first } as View);
    }
  }, [loadInfo, show]);

  useEffect(() => {
    // Shortcuts follow rights too: what a role cannot use does nothing (the browser's own
    // Ctrl+N/F/P stay suppressed, so a key does not surprise with a browser window).
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      const r = currentRights();
      if (((e.ctrlKey || e.metaKey) && !e.shiftKey && key === 'n') || (e.altKey && !e.ctrlKey && key === 'n')) {
        e.preventDefault();
        if (r.can('incoming.add')) focusForm();
      } else if ((e.ctrlKey || e.metaKey) && key === 'f') {
        e.preventDefault();
        if (r.can('search.incoming')) focusSearch();
      } else if ((e.ctrlKey || e.metaKey) && key === 'p') {
        e.preventDefault();
        if (r.can('register.print')) setPrintOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    // Desktop menu commands (src/shared/menuEvents.ts); nothing to subscribe to in a browser.
    const onMenu = (event: MenuEvent) => {
      const r = currentRights();
      if (event === 'menu:new-incoming') {
        if (r.can('incoming.add')) focusForm();
      } else if (event === 'menu:print-register') {
        if (r.can('register.print')) setPrintOpen(true);
      } else if (event === 'menu:import-register') {
        if (r.can('import.start')) show({ name: 'import' });
      } else if (event === 'menu:change-password') openChangePassword();
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

  /** A tab a role cannot use is shown disabled, its tooltip naming the role it needs. */
  const tab = (name: TabName, label: string) => {
    const why = rights.whyAll(...TAB_METHODS[name]);
    return (
      <button
        type="button"
        role="tab"
        aria-selected={view.name === name || (name === 'register' && view.name === 'detail')}
        className="tab"
        disabled={!!why}
        title={why || undefined}
        onClick={() => show({ name } as View)}
      >
        {label}
      </button>
    );
  };

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="./icon.png" alt="" width="22" height="22" />
          {/* The organisation's name under the product's: the tabs keep the bar's width. */}
          <span className="brand-text">
            <span className="brand-name">VănThư</span>
            {info?.orgName ? (
              <span className="brand-org" title={info.orgName}>
                {info.orgName}
              </span>
            ) : null}
          </span>
        </div>
        <nav className="tabs" role="tablist" aria-label="Màn hình">
          {tab('register', 'Văn bản đến')}
          {tab('capture', 'Quét hàng loạt')}
          {tab('outgoing', 'Văn bản đi')}
          {tab('followup', 'Theo dõi xử lý')}
          {tab('letters', 'Tiếp công dân')}
          {tab('interchange', 'Liên thông')}
          {tab('archive', 'Lưu trữ')}
          {tab('import', 'Nhập sổ cũ')}
          {/* Only an administrator manages accounts: for everyone else the tab is not there at all. */}
          {tabAllowed('accounts') ? tab('accounts', 'Tài khoản') : null}
          {tabAllowed('trust') ? tab('trust', 'Chứng thư tin cậy') : null}
        </nav>
        <span className="spacer" />
        <RightButton method="register.print" className="btn btn-small btn-header" onClick={() => setPrintOpen(true)} title="In sổ (Ctrl+P)">
          In sổ
        </RightButton>
        <UserMenu onChangePassword={openChangePassword} />
      </header>
      <ConnectionBanner />
      <main className="app-main">
        {view.name === 'register' ? (
          readsRegister ? (
            <RegisterScreen />
          ) : (
            <p className="muted no-rights">Tài khoản của bạn không xem sổ văn bản đến ({rights.why('incoming.list')}).</p>
          )
        ) : null}
        {view.name === 'detail' ? <DocumentDetail key={view.id} id={view.id} startEditing={!!view.edit} /> : null}
        {view.name === 'import' ? <ImportView /> : null}
        {view.name === 'outgoing' ? <OutgoingScreen /> : null}
        {view.name === 'followup' ? <FollowupScreen /> : null}
        {view.name === 'letters' ? <LettersScreen /> : null}
        {view.name === 'interchange' ? <InterchangeScreen /> : null}
        {view.name === 'archive' ? <ArchiveScreen /> : null}
        {view.name === 'accounts' && tabAllowed('accounts') ? <AccountsAdmin /> : null}
        {view.name === 'trust' && tabAllowed('trust') ? <TrustAdmin /> : null}
        {view.name === 'capture' && tabAllowed('capture') ? <CaptureScreen /> : null}
      </main>
      <StatusBar />
      <Toasts />
      {printOpen ? <PrintRegisterDialog onClose={() => setPrintOpen(false)} /> : null}
      {account.dialog}
    </div>
  );
}
