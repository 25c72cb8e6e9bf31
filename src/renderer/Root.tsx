/**
 * What the window shows first: the sign-in screen (or the first administrator's setup), then
 * the app — with the lock screen and the forced password change over it, never instead of it.
 */
import { useEffect } from 'react';
import { App } from './App';
import { LoginScreen, SetupScreen } from './features/accounts/LoginScreen';
import { SessionOverlays } from './features/accounts/SessionOverlays';
import { useSession, watchActivity } from './features/accounts/sessionStore';

function Blocked() {
  return (
    <div className="blocked" role="alert">
      <h1>Không có quyền truy cập</h1>
      <p>
        Trang này cần mã truy cập do VănThư cấp khi khởi động. Hãy mở đúng đường dẫn mà lệnh <code>npm run web</code> in ra (dòng{' '}
        <code>VANTHU_WEB_URL=…</code>), hoặc dùng ứng dụng VănThư trên máy tính.
      </p>
    </div>
  );
}

export function Root() {
  const phase = useSession((s) => s.phase);
  const error = useSession((s) => s.error);
  const orgName = useSession((s) => s.orgName);
  useEffect(() => {
    void useSession.getState().load();
    return watchActivity();
  }, []);
  useEffect(() => {
    if (phase === 'signIn' || phase === 'setup') document.title = 'VănThư — Đăng nhập';
  }, [phase]);

  if (phase === 'loading') return <div className="splash" aria-busy="true" />;
  if (phase === 'error') {
    if (error?.code === 'forbidden') return <Blocked />;
    return (
      <div className="blocked" role="alert">
        <h1>Không mở được VănThư</h1>
        <p>{error?.message}</p>
        <button type="button" className="btn" onClick={() => void useSession.getState().load()}>
          Thử lại
        </button>
      </div>
    );
  }
  if (phase === 'setup') return <SetupScreen />;
  if (phase === 'signIn') return <LoginScreen orgName={orgName} />;
  return (
    <>
      <App />
      <SessionOverlays />
    </>
  );
}
