/**
 * Composition root: opens the store and builds every service. The CLI, the Electron
 * app, the loopback web host and the benchmark all start here, so they share one
 * behaviour.
 */
import type { ArchiveService } from './archive/archiveService.js';
import type { DispositionService } from './archive/dispositionService.js';
import { copyBlobs, FileStore, type CopyReport } from './attachments/fileStore.js';
import { makeError } from '../shared/errors.js';
import { AppFailure } from '../shared/result.js';
import { systemClock, type Clock } from './clock.js';
import { SqliteStore } from './db/sqlite/store.js';
import { isPostgresUrl, parsePgUrl } from './db/postgres/locator.js';
import type { Viewer } from './accounts/visibility.js';
import type { BlobStore } from './store/ports.js';
import { CaptureService } from './capture/captureService.js';
import { IncomingService } from './incoming/incomingService.js';
import { removedContents, runCheck } from './maintenance/checkService.js';
import { ensureDefaultRegisters } from './registers/registerService.js';
import { SearchService } from './search/searchService.js';
import type { OutgoingService } from './outgoing/outgoingService.js';
import type { OutgoingSigning } from './outgoing/outgoingSigning.js';
import type { TrustService } from './outgoing/trustService.js';
import type { AssignmentService } from './workflow/assignmentService.js';
import type { CalendarService } from './workflow/calendarService.js';
import type { DirectoryService } from './workflow/directoryService.js';
import type { ReportService } from './workflow/reportService.js';
import type { TaskService } from './workflow/taskService.js';
import type { HotlineService } from './letters/hotlineService.js';
import type { LetterService } from './letters/letterService.js';
import type { LetterFileService } from './letters/letterFiles.js';
import type { LetterStatsService } from './letters/letterStats.js';
import type { InterchangeService } from './interchange/interchangeService.js';
import type { CoreParts, MoreServices } from './servicesMore.js';
import { isOrganId } from '../shared/domain/interchange.js';
import { AccountService } from './accounts/accountService.js';
import type { RegisterRow, Store } from './store/ports.js';
import { appendAudit } from './audit/auditLog.js';
import { toVnIso } from '../shared/text/dates.js';
import { nfc, tidySpaces } from '../shared/text/vietnamese.js';
import { LATEST_VERSION } from './db/migrations/versions.js';
import { createLocalLog, logDirFor, nullLog, type LocalLog } from './log/localLog.js';
import { defaultDataDir, localDirFor } from './paths.js';
import type { TokenSigner, TokenTimeouts } from './signing/tokenClient.js';
import type { TokenChannelFactory } from './signing/tokenProtocol.js';
import { TokenRegistry } from './signing/tokenRegistry.js';

export interface ServicesOptions {
  /** A SQLite file, or `postgres://[USER@]HOST[:PORT]/DB` for an office's database server. */
  dbPath: string;
  /** PostgreSQL: the password (else PGPASSWORD). Never printed. */
  password?: string;
  clock?: Clock;
  /** Create or upgrade the schema (init, the app); otherwise refuse an uninitialised database. */
  migrate?: boolean;
  /** Where internal errors are logged; default `logs/vanthu.log` beside the database. */
  log?: LocalLog;
  /** Starts token processes (the app: utilityProcess through the main thread); default: Node child processes. */
  tokenChannel?: TokenChannelFactory;
  tokenTimeouts?: Partial<TokenTimeouts>;
  /** PostgreSQL: connections kept by this process's pool (default 4). */
  poolMax?: number;
  /**
   * Only the core: accounts, registering and searching incoming documents, capture, and the
   * methods of Services itself. The other services are then not loaded at all (their code is
   * half of what a command would load; cli/commands.ts marks the commands that need no more),
   * and reaching one is a programming error.
   */
  core?: boolean;
  /** Test hook: pretend the database lives on this filesystem type. */
  fsTypeOverride?: string;
}

export interface InitOptions {
  orgName?: string;
  orgCode?: string;
  /** Place name written before the date ("Quảng Ngãi, ngày …"). */
  place?: string;
  parentOrgName?: string;
  /** The office's organ identifier for interchange (mã định danh, e.g. 000.00.00.H48). */
  organId?: string;
  actor: string;
}

export interface InitResult {
  schemaVersion: number;
  migratedFrom: number | null;
  backup: string | null;
  database: string;
  journalMode: string;
  orgName: string | null;
  orgCode: string | null;
  registers: Pick<RegisterRow, 'code' | 'name' | 'direction' | 'confidential'>[];
  warnings: string[];
}

export class Services {
  readonly accounts: AccountService;
  readonly incoming: IncomingService;
  readonly search: SearchService;
  /** Text of attachments, OCR and field suggestions (its worker thread starts on first use). */
  readonly capture: CaptureService;
  /** The rest (outgoing, workflow, archive, letters, interchange): servicesMore.ts; null when opened with `core`. */
  private readonly more: MoreServices | null;
  /** The local diagnostic log (details of internal errors; never secrets). Set by createServices. */
  log: LocalLog = nullLog;
  /** This PC's allowlist of token (PKCS#11) libraries. Set by createServices. */
  tokens: TokenRegistry = new TokenRegistry('', []);
  /** How token processes are started (the app passes its utilityProcess relay) and their time limits. */
  tokenProcesses: { start?: TokenChannelFactory; timeouts?: Partial<TokenTimeouts> } = {};

  constructor(
    readonly store: Store,
    readonly files: BlobStore,
    readonly clock: Clock,
    private readonly migration: { from: number; backup: string | null } | null,
    buildMore: ((core: CoreParts) => MoreServices) | null,
  ) {
    this.capture = new CaptureService(store, files);
    this.incoming = new IncomingService(
      store,
      files,
      clock,
      async (bytes) => {
        // Signature checking (node-forge and the trust anchors) is loaded by the first signed attachment.
        const { verifyWithTrust } = await import('./outgoing/outgoingSigning.js');
        const r = await verifyWithTrust(store, bytes, [], new Date(clock()));
        return {
          verdict: r.verdict,
          checkedAt: toVnIso(clock()),
          signatures: r.signatures.map((x) => ({ signer: x.signer, signedAt: x.signedAt, intact: x.intact, chain: x.chain })),
          modifiedAfterLastSignature: r.modifiedAfterLastSignature,
        };
      },
      (file, o) => this.capture.pagesFor(file, o),
    );
    this.accounts = new AccountService(store, clock);
    this.search = new SearchService(store);
    this.more = buildMore ? buildMore(this) : null;
  }

  private extra(): MoreServices {
    // A programming error, not a user's: a command declared `core` (cli/commands.ts) used more.
    if (!this.more) throw new Error('only the core services were opened (createServices({ core: true }))');
    return this.more;
  }
  get outgoing(): OutgoingService {
    return this.extra().outgoing;
  }
  get signing(): OutgoingSigning {
    return this.extra().signing;
  }
  get trust(): TrustService {
    return this.extra().trust;
  }
  get directory(): DirectoryService {
    return this.extra().directory;
  }
  get assignments(): AssignmentService {
    return this.extra().assignments;
  }
  get tasks(): TaskService {
    return this.extra().tasks;
  }
  get calendar(): CalendarService {
    return this.extra().calendar;
  }
  get reports(): ReportService {
    return this.extra().reports;
  }
  get archive(): ArchiveService {
    return this.extra().archive;
  }
  get letters(): LetterService {
    return this.extra().letters;
  }
  /** A letter's scans and enclosures, read by the capture worker. */
  get letterFiles(): LetterFileService {
    return this.extra().letterFiles;
  }
  get hotline(): HotlineService {
    return this.extra().hotline;
  }
  get letterStats(): LetterStatsService {
    return this.extra().letterStats;
  }
  get interchange(): InterchangeService {
    return this.extra().interchange;
  }
  get disposition(): DispositionService {
    return this.extra().disposition;
  }

  /** Creates defaults (idempotent) and records the organisation's name and code. */
  async init(opts: InitOptions): Promise<InitResult> {
    const at = toVnIso(this.clock());
    const { OWN_ORGAN_KEY } = await import('./interchange/interchangeService.js');
    if (opts.organId !== undefined && !isOrganId(opts.organId.trim().toUpperCase())) {
      throw new AppFailure({
        code: 'invalid_organ_id',
        field: 'organId',
        message: `Mã định danh «${opts.organId}» không đúng dạng (ví dụ 000.00.00.H48 hoặc H48.01.02).`,
      });
    }
    await this.store.write(async (repos) => {
      const created = await ensureDefaultRegisters(repos, at);
      const changes: Record<string, string> = {};
      for (const [key, value] of [
        ['org_name', opts.orgName],
        ['org_code', opts.orgCode],
        ['org_place', opts.place],
        ['parent_org_name', opts.parentOrgName],
        [OWN_ORGAN_KEY, opts.organId?.trim().toUpperCase()],
      ] as const) {
        if (value === undefined) continue;
        const v = tidySpaces(nfc(value));
        if ((await repos.meta.get(key)) !== v) {
          await repos.meta.set(key, v);
          changes[key] = v;
        }
      }
      if (created.length || Object.keys(changes).length) {
        await appendAudit(repos, at, {
          actor: opts.actor,
          action: 'init',
          entity: 'database',
          entityId: null,
          data: { registersCreated: created.map((r) => r.code), ...changes },
        });
      }
    });
    const [registers, orgName, orgCode] = await this.store.read(async (r) =>
      Promise.all([r.registers.list(), r.meta.get('org_name'), r.meta.get('org_code')]),
    );
    return {
      schemaVersion: LATEST_VERSION,
      migratedFrom: this.migration && this.migration.from !== LATEST_VERSION ? this.migration.from : null,
      backup: this.migration?.backup ?? null,
      database: this.store.info.path,
      journalMode: this.store.info.journalMode,
      orgName,
      orgCode,
      registers: registers.map(({ code, name, direction, confidential }) => ({ code, name, direction, confidential })),
      warnings: this.store.info.warnings,
    };
  }

  /**
   * The registers a person may know of: a confidential register (DEN-MAT, DI-MAT, any marked
   * confidential) is not named to someone without the `confidential` grant — its book, its
   * numbers and its documents are hidden from them, so is the book itself. No viewer: all.
   */
  async registers(viewer?: Viewer): Promise<RegisterRow[]> {
    const all = await this.store.read((r) => r.registers.list());
    return viewer && !viewer.confidential ? all.filter((g) => !g.confidential) : all;
  }

  async orgInfo(): Promise<{ orgName: string | null; orgCode: string | null }> {
    return this.store.read(async (r) => ({ orgName: await r.meta.get('org_name'), orgCode: await r.meta.get('org_code') }));
  }

  /**
   * A signing session on a token, in its own process (signing/tokenClient.ts). The token is
   * a configured one, by id (the page), or a library the local user names (the CLI), checked
   * by the same rules; either way no path from the page is ever loaded.
   */
  async openTokenSigner(req: {
    token?: string;
    library?: string;
    tokenLabel: string;
    pin: string;
    keyIdHex: string;
  }): Promise<TokenSigner> {
    const library = req.token !== undefined ? this.tokens.resolve(req.token).library : this.tokens.check(req.library ?? '').library;
    const { openTokenSigner, forkTokenChannel } = await import('./signing/tokenClient.js');
    return openTokenSigner(
      { library, tokenLabel: req.tokenLabel, pin: req.pin, keyIdHex: req.keyIdHex },
      {
        start: this.tokenProcesses.start ?? forkTokenChannel(),
        log: this.log,
        ...(this.tokenProcesses.timeouts ? { timeouts: this.tokenProcesses.timeouts } : {}),
      },
    );
  }

  /** Verifies any PDF's signatures against the trusted roots (database + extra PEMs). */
  async verify(bytes: Uint8Array, extraTrustPems: string[] = []) {
    const { verifyWithTrust } = await import('./outgoing/outgoingSigning.js');
    return verifyWithTrust(this.store, bytes, extraTrustPems, new Date(this.clock()));
  }

  check() {
    return runCheck(this.store, this.files);
  }

  /**
   * Online backup of the database to dest, verified. The SQLite store keeps attachments in a
   * folder beside its file, so they are copied beside the backup too (`<dest>.files/`, each
   * re-hashed): a backup restores the documents with their scans, not without them.
   */
  async backup(dest: string): Promise<{ bytes: number; schemaVersion: number; files?: CopyReport }> {
    const r = await this.store.backup(dest);
    if (!(this.files instanceof FileStore)) return r;
    const blobs = await this.store.read((x) => x.attachments.allBlobs());
    const removed = await removedContents(this.store);
    const files = await copyBlobs(
      this.files,
      FileStore.besideDatabase(dest),
      new Set(blobs.map((b) => b.sha256).filter((h) => !removed.has(h))),
    );
    const bad = files.missing.length + files.corrupt.length;
    if (bad) {
      throw new AppFailure(
        makeError('backup_failed', {
          params: { value: `${bad} tệp đính kèm bị thiếu hoặc hỏng ở bản gốc (chạy lệnh check); các tệp còn lại đã được chép` },
        }),
      );
    }
    return { ...r, files };
  }

  async close(): Promise<void> {
    await this.capture.close();
    await this.store.close();
  }
}

export async function createServices(opts: ServicesOptions): Promise<Services> {
  const buildMore = opts.core ? null : (await import('./servicesMore.js')).buildMoreServices;
  if (isPostgresUrl(opts.dbPath)) {
    // Loaded only for an office database: a single PC never loads the PostgreSQL client.
    const { PgStore } = await import('./db/postgres/store.js');
    const { store, migration } = await PgStore.open(parsePgUrl(opts.dbPath), {
      migrate: opts.migrate ?? false,
      ...(opts.password !== undefined ? { password: opts.password } : {}),
      ...(opts.poolMax !== undefined ? { max: opts.poolMax } : {}),
    });
    return withLocal(new Services(store, store.blobs, opts.clock ?? systemClock, migration, buildMore), opts);
  }
  const { store, migration } = await SqliteStore.open(opts.dbPath, {
    migrate: opts.migrate ?? false,
    fsTypeOverride: opts.fsTypeOverride,
  });
  return withLocal(new Services(store, FileStore.besideDatabase(opts.dbPath), opts.clock ?? systemClock, migration, buildMore), opts);
}

/** What belongs to this PC rather than to the database: its log and its token libraries. */
function withLocal(services: Services, opts: ServicesOptions): Services {
  services.log = opts.log ?? createLocalLog(logDirFor(opts.dbPath));
  services.tokens = TokenRegistry.forLocalDir(localDirFor(opts.dbPath), [defaultDataDir()], services.log);
  services.tokenProcesses = { start: opts.tokenChannel, timeouts: opts.tokenTimeouts };
  return services;
}
