/**
 * How messages travel: behind a small interface, so the axis's web service client (VDXP
 * `/sendEdoc`, `/getReceivedEdocList`) can be added beside the folder transport used with a
 * shared folder or the connector a province installs.
 *
 * Folder transport: the outbox is written atomically (a hidden temp file, flushed, renamed),
 * so the connector never reads half a message; in the inbox only `*.edxml` files are read,
 * and only once their size and time have settled (a writer still copying is left alone).
 * A message processed is moved to `đã xử lý/`; one refused to `lỗi/` beside a reason file
 * (`<name>.lý-do.txt`: code and message). The database remembers each message by its
 * SHA-256, so a restart between committing and moving only moves the file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/result.js';
import type { InterchangeService, OutMessage, ReceiveOutcome } from './interchangeService.js';

export interface InboxItem {
  name: string;
  bytes: Buffer;
}

export interface Transport {
  /** Messages waiting in the inbox. */
  pending(): Promise<InboxItem[]>;
  /** The message was processed (or had been): it leaves the inbox. */
  done(item: InboxItem): Promise<void>;
  /** The message was refused: kept aside with its reason. */
  refused(item: InboxItem, reason: { code: string; message: string }): Promise<void>;
  send(m: OutMessage): Promise<void>;
  /**
   * Writes a message where the connector does not look yet (flushed to disk); `publish`
   * makes it visible (an atomic rename), `discard` removes it. A sender stages its files,
   * commits its records, then publishes: a refusal or a failed commit leaves nothing out.
   */
  stage(m: OutMessage): Promise<StagedMessage>;
}

export interface StagedMessage {
  publish(): Promise<void>;
  discard(): Promise<void>;
}

export const PROCESSED_DIR = 'đã xử lý';
export const ERROR_DIR = 'lỗi';

/** A hidden temp file beside `target` (the connector and our inbox skip dot-files), flushed. */
async function writeHidden(target: string, bytes: Uint8Array): Promise<string> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  return tmp;
}

async function writeAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = await writeHidden(target, bytes);
  try {
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Moves a file into a folder, never over another file of the same name. */
async function moveInto(file: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = path.basename(file);
  let target = path.join(dir, base);
  for (let i = 1; ; i++) {
    try {
      await stat(target);
      target = path.join(dir, `${path.parse(base).name}.${i}${path.extname(base)}`);
    } catch {
      break;
    }
  }
  await rename(file, target);
  return target;
}

export class FolderTransport implements Transport {
  /** Where refused messages go with their reason files. */
  readonly errors: string;
  constructor(
    readonly inbox: string,
    readonly outbox: string,
    /** A file younger than this is still being written (tests: 0). */
    private readonly settleMs = 2000,
    /** The largest file read; larger ones are refused without being read. */
    private readonly maxBytes = 64 * 1024 * 1024,
    errors?: string | null,
  ) {
    this.errors = errors ?? path.join(inbox, ERROR_DIR);
  }

  async pending(): Promise<InboxItem[]> {
    const names = (await readdir(this.inbox, { withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.edxml') && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
    const out: InboxItem[] = [];
    const now = Date.now();
    for (const name of names) {
      const file = path.join(this.inbox, name);
      const st = await stat(file).catch(() => null);
      if (!st || (this.settleMs > 0 && now - st.mtimeMs < this.settleMs)) continue;
      if (st.size > this.maxBytes) {
        // Refused from its size alone: a gigabyte is never read into memory.
        await this.refused(
          { name, bytes: Buffer.alloc(0) },
          { code: 'edxml_too_large', message: `Gói tin quá lớn (${st.size} byte; tối đa ${this.maxBytes}).` },
        );
        continue;
      }
      const fh = await open(file, 'r');
      try {
        out.push({ name, bytes: await fh.readFile() });
      } finally {
        await fh.close();
      }
    }
    return out;
  }

  async done(item: InboxItem): Promise<void> {
    await moveInto(path.join(this.inbox, item.name), path.join(this.inbox, PROCESSED_DIR));
  }

  async refused(item: InboxItem, reason: { code: string; message: string }): Promise<void> {
    const moved = await moveInto(path.join(this.inbox, item.name), this.errors);
    await writeFile(`${moved}.lý-do.txt`, `${reason.code}\n${reason.message}\n`, 'utf8');
  }

  async send(m: OutMessage): Promise<void> {
    await mkdir(this.outbox, { recursive: true });
    await writeAtomic(path.join(this.outbox, m.fileName), m.bytes);
  }

  async stage(m: OutMessage): Promise<StagedMessage> {
    await mkdir(this.outbox, { recursive: true });
    const target = path.join(this.outbox, m.fileName);
    const tmp = await writeHidden(target, m.bytes);
    return {
      publish: () => rename(tmp, target),
      discard: () => rm(tmp, { force: true }),
    };
  }
}

export interface ExchangeReport {
  received: { file: string; outcome: ReceiveOutcome['kind'] }[];
  refused: { file: string; code: string; message: string }[];
  /** Left in the inbox for the next pass (an internal error, e.g. the database unreachable). */
  retried: { file: string; message: string }[];
  statusesSent: number;
}

/**
 * One pass of the exchange: messages in, automatic status answers queued for documents that
 * moved, every queued status written to the outbox.
 */
export async function exchangeOnce(service: InterchangeService, transport: Transport, actor: string): Promise<ExchangeReport> {
  const report: ExchangeReport = { received: [], refused: [], retried: [], statusesSent: 0 };
  for (const item of await transport.pending()) {
    try {
      const r = await service.receive(item.bytes, { actor });
      await transport.done(item);
      report.received.push({ file: item.name, outcome: r.kind });
    } catch (e) {
      if (e instanceof AppFailure && e.error.code !== 'db_unavailable' && e.error.code !== 'busy' && e.error.code !== 'db_timeout') {
        try {
          await transport.refused(item, e.error);
          report.refused.push({ file: item.name, code: e.error.code, message: e.error.message });
        } catch (moveError) {
          // Gone meanwhile (another PC watching the same inbox took it): nothing to do here.
          report.retried.push({ file: item.name, message: (moveError as Error).message });
        }
      } else {
        report.retried.push({ file: item.name, message: (e as Error).message });
      }
    }
  }
  await service.collectProgress();
  report.statusesSent = await service.flushStatuses((m) => transport.send(m));
  return report;
}
