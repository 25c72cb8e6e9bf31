/**
 * `check`'s advice on the office server's memory. A search reads the incoming documents' table
 * and its indexes (the newest-first search index above all): when they fit in the server's
 * shared buffers, a search reads memory; when they do not, every search reads some of them
 * again from the operating system or the disk, and the common words' searches get several
 * times slower (measured at 1,000,000 documents: 256MB of shared buffers against 6GB). It is
 * advice, not a failure: nothing is wrong with the data, and the setting is the server
 * administrator's (postgresql.conf, then a restart), not the app's.
 */
import type pg from 'pg';
import type { CheckAdvice } from '../../../shared/apiTypes.js';

const MB = 1024 * 1024;

/**
 * The sizes the advice is decided on: the server's shared_buffers and the searched relations'
 * size (table, TOAST and every index of incoming_documents). pg_total_relation_size and
 * current_setting need no privilege: the administrator's own login, which reads no document,
 * gets the same figures as the owner.
 */
export async function serverMemory(c: pg.ClientBase): Promise<{ sharedBytes: number; hotBytes: number }> {
  const r = await c.query(
    `SELECT pg_size_bytes(current_setting('shared_buffers')) AS shared,
            pg_total_relation_size('incoming_documents'::regclass) AS hot`,
  );
  return { sharedBytes: Number(r.rows[0].shared), hotBytes: Number(r.rows[0].hot) };
}

/**
 * Advice when the searched relations do not fit in shared buffers. The recommended size is
 * theirs plus a quarter (the office keeps adding documents, and other tables share the
 * buffers), rounded up to 256MB, written as postgresql.conf takes it.
 */
export function memoryAdvice(sharedBytes: number, hotBytes: number): CheckAdvice[] {
  if (hotBytes <= sharedBytes) return [];
  const currentMB = Math.round(sharedBytes / MB);
  const hotMB = Math.ceil(hotBytes / MB);
  const recommendedMB = Math.ceil((hotBytes * 1.25) / (256 * MB)) * 256;
  return [
    {
      code: 'server_memory_small',
      setting: 'shared_buffers',
      currentMB,
      hotMB,
      recommendedMB,
      message:
        `Bộ nhớ đệm của máy chủ PostgreSQL (shared_buffers = ${currentMB}MB) nhỏ hơn bảng văn bản đến và các chỉ mục tìm kiếm ` +
        `(${hotMB}MB): tìm kiếm phải đọc lại từ đĩa nên chậm hơn. Nên đặt shared_buffers = '${recommendedMB}MB' ` +
        `(thường khoảng 25 % bộ nhớ của máy chủ) trong postgresql.conf rồi khởi động lại PostgreSQL. ` +
        `/ The PostgreSQL server's shared_buffers (${currentMB}MB) is smaller than the incoming documents' table and its ` +
        `search indexes (${hotMB}MB): searches read them from disk again. Set shared_buffers = '${recommendedMB}MB' ` +
        `(commonly about 25 % of the server's RAM) in postgresql.conf and restart PostgreSQL.`,
    },
  ];
}
