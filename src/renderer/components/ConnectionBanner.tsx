/**
 * The banner of a PC that lost the office's database server: what happened, that nothing
 * was half-written, and that it retries by itself (every 5 s, and on "Thử lại ngay").
 */
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useConnection } from '../stores/connectionStore';

const RETRY_MS = 5000;

export function ConnectionBanner() {
  const { down } = useConnection();
  const [trying, setTrying] = useState(false);

  const retry = async () => {
    setTrying(true);
    await call('app.info', {}); // the answer updates the connection state (api/client.ts)
    setTrying(false);
  };

  useEffect(() => {
    if (!down) return;
    const t = setInterval(() => void retry(), RETRY_MS);
    return () => clearInterval(t);
  }, [down]);

  if (!down) return null;
  return (
    <div className="banner banner-error connection-banner" role="alert">
      <span>
        <strong>Mất kết nối với máy chủ cơ sở dữ liệu.</strong> Thao tác vừa rồi chưa được ghi (không có gì bị ghi dở). VănThư đang tự kết
        nối lại mỗi 5 giây{trying ? '…' : '.'}
      </span>
      <div className="banner-actions">
        <button type="button" className="btn btn-small" onClick={() => void retry()} disabled={trying}>
          Thử lại ngay
        </button>
      </div>
    </div>
  );
}
