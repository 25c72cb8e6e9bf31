/**
 * The token libraries this PC may load: a short allowlist kept by the administrator (CLI
 * `token add|list|remove`; accounts and roles come later) in this PC's settings
 * (`tokens.json` in its local folder: library paths are a property of the machine, not of
 * the office's shared database). The page never names a library: it picks a configured
 * token by its opaque id, and main resolves the id here, checking the file again.
 *
 * A library path must be absolute and local (no network share, no `\\?\` device path, no
 * `..`), name an existing regular file, and lie outside the data folder, the attachment
 * store and the temporary folder — the places files arrive from outside. Its SHA-256 is
 * pinned when it is added: a library replaced afterwards is not loaded until the
 * administrator adds it again.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { sha256OfFile } from '../attachments/fileStore.js';
import { filesystemOf, isNetworkFsType } from '../db/sqlite/filesystem.js';
import { newRef, nullLog, type LocalLog } from '../log/localLog.js';

export const TOKENS_FILE = 'tokens.json';
export const MAX_TOKENS = 10;

export interface TokenEntry {
  id: string;
  label: string;
  library: string;
  sha256: string;
  addedAt: string;
  addedBy: string;
}

/** What the page may know of a configured token. */
export interface TokenChoice {
  id: string;
  label: string;
}

function refuse(value: string, reason: string): AppFailure {
  return new AppFailure(makeError('invalid_token_library', { field: 'library', params: { value, reason } }));
}

function isInside(child: string, dir: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Checks a library path by the rules above; the real path and its SHA-256 when it passes.
 * `forbidden` are folders the library must not lie in.
 */
export function checkTokenLibrary(raw: string, forbidden: readonly string[]): { library: string; sha256: string } {
  const shown = raw.slice(0, 300);
  if (typeof raw !== 'string' || !raw || raw.length > 1024 || hasControlChars(raw)) return throwRefusal(shown, 'có ký tự không hợp lệ');
  // Windows device and long paths (\\?\, \\.\), UNC shares (\\server\share) and their
  // forward-slash spellings: refused on every platform, before anything touches the disk.
  if (/^[\\/]{2}/.test(raw)) {
    return throwRefusal(
      shown,
      /^[\\/]{2}[?.][\\/]/.test(raw) ? 'không dùng đường dẫn dạng \\\\?\\ hoặc \\\\.\\' : 'không dùng đường dẫn mạng',
    );
  }
  if (!path.isAbsolute(raw) || (process.platform === 'win32' && !/^[A-Za-z]:[\\/]/.test(raw))) {
    return throwRefusal(shown, 'phải là đường dẫn tuyệt đối (ví dụ C:\\Windows\\System32\\thu-vien.dll hoặc /usr/lib/thu-vien.so)');
  }
  if (raw.split(/[\\/]/).includes('..')) return throwRefusal(shown, 'không được có thành phần ".."');
  let real: string;
  try {
    real = realpathSync(raw);
  } catch {
    return throwRefusal(shown, 'không tìm thấy tệp');
  }
  if (/^[\\/]{2}/.test(real)) return throwRefusal(shown, 'tệp nằm trên ổ mạng');
  let info;
  try {
    info = statSync(real);
  } catch {
    return throwRefusal(shown, 'không đọc được tệp');
  }
  if (!info.isFile()) return throwRefusal(shown, 'không phải tệp thông thường');
  const fsType = filesystemOf(real);
  if (fsType && isNetworkFsType(fsType)) return throwRefusal(shown, `tệp nằm trên ổ mạng (${fsType})`);
  for (const dir of forbidden) {
    if (isInside(real, realOrSelf(dir))) return throwRefusal(shown, 'tệp nằm trong thư mục dữ liệu, kho tệp đính kèm hoặc thư mục tạm');
  }
  return { library: real, sha256: sha256OfFile(real) };
}

function throwRefusal(value: string, reason: string): never {
  throw refuse(value, reason);
}

export class TokenRegistry {
  constructor(
    /** The settings file (tokens.json). */
    readonly file: string,
    /** Folders a library may not lie in (data folder, attachment store, temp). */
    private readonly forbidden: readonly string[],
    private readonly log: LocalLog = nullLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** The registry of a database's PC: tokens.json in its local folder; data, store and temp forbidden. */
  static forLocalDir(localDir: string, extraForbidden: readonly string[], log?: LocalLog, now?: () => number): TokenRegistry {
    return new TokenRegistry(path.join(localDir, TOKENS_FILE), [localDir, os.tmpdir(), ...extraForbidden], log, now);
  }

  list(): TokenEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { tokens?: unknown };
      const tokens = Array.isArray(parsed.tokens) ? parsed.tokens : [];
      return tokens.filter(
        (t): t is TokenEntry =>
          !!t &&
          typeof (t as TokenEntry).id === 'string' &&
          typeof (t as TokenEntry).label === 'string' &&
          typeof (t as TokenEntry).library === 'string' &&
          typeof (t as TokenEntry).sha256 === 'string',
      );
    } catch {
      this.log.write({ event: 'token_settings_unreadable', file: this.file });
      return [];
    }
  }

  /** A library named directly (the command line, run by the local user), checked by the same rules. */
  check(library: string): { library: string; sha256: string } {
    return checkTokenLibrary(library, this.forbidden);
  }

  /** Id and label only: what the sign dialog shows. */
  choices(): TokenChoice[] {
    return this.list().map(({ id, label }) => ({ id, label }));
  }

  add(library: string, labelInput: unknown, actor: string): TokenEntry {
    const label = typeof labelInput === 'string' ? tidySpaces(nfc(labelInput)) : '';
    if (!label) throw new AppFailure(makeError('required', { field: 'label' }));
    if (label.length > 100) throw new AppFailure(makeError('too_long', { field: 'label', params: { max: 100 } }));
    if (hasControlChars(label)) throw new AppFailure(makeError('control_chars', { field: 'label' }));
    const checked = checkTokenLibrary(library, this.forbidden);
    const tokens = this.list();
    const existing = tokens.find((t) => t.library === checked.library);
    if (existing) {
      // Adding the same library again re-pins it (after the vendor updated it) and renames it.
      Object.assign(existing, { label, sha256: checked.sha256, addedAt: new Date(this.now()).toISOString(), addedBy: actor });
      this.save(tokens);
      this.log.write({ event: 'token_updated', id: existing.id, library: existing.library, sha256: existing.sha256, actor });
      return existing;
    }
    if (tokens.length >= MAX_TOKENS) {
      throw new AppFailure({
        code: 'too_many_tokens',
        field: 'library',
        message: `Chỉ cấu hình được tối đa ${MAX_TOKENS} thư viện thiết bị ký số.`,
      });
    }
    const entry: TokenEntry = {
      id: `tk_${randomBytes(6).toString('hex')}`,
      label,
      library: checked.library,
      sha256: checked.sha256,
      addedAt: new Date(this.now()).toISOString(),
      addedBy: actor,
    };
    this.save([...tokens, entry]);
    this.log.write({ event: 'token_added', id: entry.id, library: entry.library, sha256: entry.sha256, actor });
    return entry;
  }

  remove(id: string, actor: string): TokenEntry {
    const tokens = this.list();
    const found = tokens.find((t) => t.id === id);
    if (!found)
      throw new AppFailure({
        code: 'token_not_configured',
        field: 'token',
        message: `Không có thiết bị ký số đã cấu hình với mã «${id.slice(0, 40)}».`,
      });
    this.save(tokens.filter((t) => t !== found));
    this.log.write({ event: 'token_removed', id, library: found.library, actor });
    return found;
  }

  /**
   * The library of a configured token, checked again (the file may have gone, moved into a
   * forbidden place or been replaced). Refusals carry no path: they may reach the page.
   */
  resolve(id: string): { library: string; label: string } {
    const found = this.list().find((t) => t.id === id);
    if (!found) {
      throw new AppFailure({
        code: 'token_not_configured',
        field: 'token',
        message: 'Thiết bị ký số này chưa được cấu hình trên máy; hãy chọn thiết bị khác hoặc báo người quản trị.',
      });
    }
    let checked;
    try {
      checked = checkTokenLibrary(found.library, this.forbidden);
    } catch (e) {
      const ref = newRef();
      this.log.write({ event: 'token_library_refused', ref, id, library: found.library, reason: (e as AppFailure).error?.message });
      throw new AppFailure({
        code: 'token_unavailable',
        field: 'token',
        message: `Không dùng được thư viện của thiết bị ký số «${found.label}» trên máy này; hãy báo người quản trị (mã tra cứu ${ref}).`,
        details: { ref },
      });
    }
    if (checked.sha256 !== found.sha256) {
      const ref = newRef();
      this.log.write({ event: 'token_library_changed', ref, id, library: found.library, pinned: found.sha256, found: checked.sha256 });
      throw new AppFailure({
        code: 'token_unavailable',
        field: 'token',
        message: `Thư viện của thiết bị ký số «${found.label}» đã bị thay đổi từ khi được cấu hình; người quản trị cần cấu hình lại (mã tra cứu ${ref}).`,
        details: { ref },
      });
    }
    return { library: checked.library, label: found.label };
  }

  private save(tokens: TokenEntry[]): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, tokens }, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
