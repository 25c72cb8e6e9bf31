/**
 * `npm run web -- [--db FILE] [--port N]`: the app in a browser, on this machine only.
 * Prints `VANTHU_WEB_URL=<url with token>` when ready.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '../api/handlers.js';
import { personalConnections } from '../api/personalConnections.js';
import { osUserName, resolveDbPath } from '../paths.js';
import { createServices } from '../services.js';
import { toVnIso } from '../../shared/text/dates.js';
import { startWebHost } from './server.js';

/** The project folder: the nearest one above this module with a package.json (src/main/web under tsx, out/node when built). */
function projectRoot(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return start;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, database: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' } },
    strict: true,
  });
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  const dbPath = resolveDbPath(values.database ?? values.db);
  const services = await createServices({ dbPath, migrate: true });
  // The database's own set-up (on a fresh database, before any account exists) is recorded
  // under the OS user running the host; every call after that under the signed-in account.
  await services.init({ actor: osUserName() });
  // An office database with rights in the database: each person works as their own login role.
  const personal = await personalConnections(services, dbPath);
  // The inbox of the exchange folders is watched by the host, as by the app's main process.
  const { ExchangeWatcher } = await import('../interchange/watcher.js');
  const watcher = new ExchangeWatcher(services.interchange, () => toVnIso(services.clock()), services.log);
  watcher.start();
  const host = await startWebHost({
    handlers: createHandlers(services, { shell: 'web', watcher, personal }),
    rendererDir: values.renderer ?? path.join(projectRoot(), 'out/renderer'),
    port,
    log: services.log,
  });
  process.stderr.write(
    `VănThư (trình duyệt) — cơ sở dữ liệu: ${services.store.info.path}${personal ? ' (mỗi người kết nối bằng tài khoản của mình)' : ''}\n`,
  );
  process.stdout.write(`VANTHU_WEB_URL=${host.url}\n`);
  // Ctrl-C under `npm start` reaches this process twice (the terminal's and the forwarded one).
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await watcher.stop();
      await host.close();
      await services.close();
      process.exit(0);
    })());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  process.stderr.write(`vanthu web: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(1);
});
