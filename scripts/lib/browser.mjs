// Opening the default browser at a URL, where there is a desktop to open it on.
import { spawn } from 'node:child_process';

/** A graphical session: always on Windows and macOS; on Linux and BSD an X11 or Wayland display. */
export function hasDesktop(platform = process.platform, env = process.env) {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The command that opens `url` in the default browser, or null where there is no desktop. */
export function openerFor(url, platform = process.platform, env = process.env) {
  if (!hasDesktop(platform, env)) return null;
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  // `start` is a cmd built-in that mangles "&"; the URL protocol handler takes the URL as is.
  if (platform === 'win32') return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { cmd: 'xdg-open', args: [url] };
}

/** Opens the browser without waiting for it; returns whether an opener was started. */
export function openBrowser(url, platform = process.platform, env = process.env) {
  const opener = openerFor(url, platform, env);
  if (!opener) return false;
  try {
    const child = spawn(opener.cmd, opener.args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {}); // no xdg-open: the printed URL is still there
    child.unref();
    return true;
  } catch {
    return false;
  }
}
