/**
 * The command table of the `vanthu` CLI: each command's flags and handler. Handlers take
 * named arguments (from flags or from a `batch` line) and return the JSON to print.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { Principal } from '../../shared/domain/accounts.js';
import type { Services } from '../services.js';
import type { CommandArgs, OptionSpec } from './args.js';
import { INTERCHANGE_COMMANDS } from './interchangeCommands.js';
import { CAPTURE_COMMANDS } from './captureCommands.js';
import { ARCHIVE_COMMANDS, DISPOSITION_COMMANDS } from './archiveCommands.js';
import { LETTER_COMMANDS } from './letterCommands.js';
import { ACCOUNT_COMMANDS } from './accountCommands.js';
import { viewerOf } from '../accounts/visibility.js';

export interface CommandContext {
  services: () => Promise<Services>;
  /** Opens with migration allowed (init only). */
  servicesForInit: () => Promise<Services>;
  /** The database as given (a file path or a postgres:// locator). */
  dbPath: string;
  /** The signed-in account's username: the audit actor. */
  actor: string;
  /** Who runs the command (null for the public ones: login, verify, init on a database without accounts). */
  principal: Principal | null;
  /** Progress lines go to stderr; batch mode passes a no-op. */
  progress: (msg: string) => void;
  /**
   * The person's password when the database connection is their own role (an office database
   * named without a user): read once, for the connection and for signing in.
   */
  personPassword?: string;
}

export interface Command {
  options: OptionSpec;
  /** The database whose accounts sign the command in, when not --db (migrate-to: its source). */
  authDb?: (args: CommandArgs) => string | undefined;
  /** Reads stdin itself (batch): not allowed inside batch. */
  interactive?: boolean;
  /**
   * Uses only the core services (accounts, incoming, search, capture, and Services' own
   * methods): the command opens them alone, without loading the code of the others
   * (createServices' `core`). Reaching another service from such a command throws.
   */
  core?: true;
  run(args: CommandArgs, ctx: CommandContext): Promise<unknown>;
}

function bad(code: string, field: string, message: string): never {
  throw new AppFailure({ code, field, message });
}

/** An argument that may arrive as a JSON string (command line) or an object (batch). */
function jsonArg(args: CommandArgs, name: string): unknown {
  const v = args[name];
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return bad('invalid_json', name, `--${name} không phải JSON hợp lệ.`);
  }
}

function dataArg(args: CommandArgs): unknown {
  if (args.data !== undefined) return jsonArg(args, 'data');
  if (typeof args.dataFile === 'string') {
    let text: string;
    try {
      text = readFileSync(args.dataFile, 'utf8');
    } catch {
      throw new AppFailure(makeError('file_not_found', { field: 'dataFile', params: { value: args.dataFile } }));
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return bad('invalid_json', 'dataFile', `Tệp ${args.dataFile} không phải JSON hợp lệ.`);
    }
  }
  return bad('required', 'data', 'Thiếu --data JSON hoặc --data-file TỆP.');
}

function idArg(args: CommandArgs): number {
  const raw = args.id ?? args._[0];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) bad('invalid_id', 'id', 'Mã văn bản (ID) phải là số nguyên dương.');
  return n;
}

function intArg(args: CommandArgs, name: string): number | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) bad('invalid_number', name, `--${name} phải là số nguyên.`);
  return n;
}

function strArg(args: CommandArgs, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') bad('invalid_input', name, `--${name} phải là chuỗi.`);
  return v;
}

/** Reads a file named on the command line; a missing file is the user's mistake (exit 2). */
function readFileArg(file: string, field: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new AppFailure(makeError('file_not_found', { field, params: { value: file } }));
  }
}

function readAttachments(list: unknown): { fileName: string; bytes: Uint8Array }[] {
  const files = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return files.map((f) => {
    if (typeof f !== 'string') return bad('invalid_input', 'attach', '--attach phải là đường dẫn tệp.');
    return { fileName: path.basename(f), bytes: readFileArg(f, 'attach') };
  });
}

const searchOptions: OptionSpec = {
  from: { type: 'string' },
  to: { type: 'string' },
  'issued-from': { type: 'string' },
  'issued-to': { type: 'string' },
  type: { type: 'string' },
  org: { type: 'string' },
  urgency: { type: 'string' },
  secrecy: { type: 'string' },
  register: { type: 'string' },
  status: { type: 'string' },
  'include-voided': { type: 'boolean' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  query: { type: 'string' },
  count: { type: 'boolean' },
  in: { type: 'string' },
};

export const COMMANDS: Record<string, Command> = {
  ...CAPTURE_COMMANDS,
  init: {
    options: {
      'org-name': { type: 'string' },
      'org-code': { type: 'string' },
      place: { type: 'string' },
      'parent-org-name': { type: 'string' },
      'organ-id': { type: 'string' },
      admin: { type: 'string' },
      'admin-full-name': { type: 'string' },
      'admin-password-env': { type: 'string' },
    },
    async run(args, ctx) {
      const s = await ctx.servicesForInit();
      const { firstAdmin } = await import('./accountCommands.js');
      // The first administrator's details are checked before anything is written.
      const admin = await firstAdmin(args, ctx, s);
      const result = await s.init({
        orgName: strArg(args, 'orgName'),
        orgCode: strArg(args, 'orgCode'),
        place: strArg(args, 'place'),
        parentOrgName: strArg(args, 'parentOrgName'),
        organId: strArg(args, 'organId'),
        actor: admin?.username ?? ctx.actor,
      });
      const created = admin ? await s.accounts.setup(admin) : null;
      const needsSetup = !created && (await s.accounts.needsSetup());
      return {
        ...result,
        ...(created ? { admin: { username: created.principal.username, fullName: created.principal.fullName } } : {}),
        warnings: needsSetup
          ? [
              ...result.warnings,
              'no_accounts: chưa có tài khoản nào; tạo người quản trị đầu tiên: init --admin TÊN --admin-full-name "HỌ TÊN" --admin-password-env BIẾN',
            ]
          : result.warnings,
      };
    },
  },

  ...ACCOUNT_COMMANDS,

  'incoming add': {
    core: true,
    options: {
      data: { type: 'string' },
      'data-file': { type: 'string' },
      attach: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      ocr: { type: 'boolean' },
    },
    async run(args, ctx) {
      const data = dataArg(args);
      const attachments = readAttachments(args.attach);
      const s = await ctx.services();
      return s.incoming.add(data, { actor: ctx.actor, attachments, force: args.force === true, ocr: args.ocr === true });
    },
  },

  'incoming get': {
    core: true,
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).incoming.get(idArg(args), viewerOf(ctx.principal));
    },
  },

  'incoming update': {
    core: true,
    options: { id: { type: 'string' }, data: { type: 'string' }, 'data-file': { type: 'string' }, force: { type: 'boolean' } },
    async run(args, ctx) {
      const id = idArg(args);
      const data = dataArg(args);
      return (await ctx.services()).incoming.update(id, data, {
        actor: ctx.actor,
        force: args.force === true,
        viewer: viewerOf(ctx.principal),
      });
    },
  },

  'incoming void': {
    core: true,
    options: { id: { type: 'string' }, reason: { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      return (await ctx.services()).incoming.void(id, args.reason, { actor: ctx.actor, viewer: viewerOf(ctx.principal) });
    },
  },

  'incoming list': {
    core: true,
    options: { register: { type: 'string' }, year: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).incoming.list(
        {
          register: strArg(args, 'register'),
          year: intArg(args, 'year'),
          limit: intArg(args, 'limit'),
          cursor: strArg(args, 'cursor'),
        },
        viewerOf(ctx.principal),
      );
    },
  },

  'incoming next-number': {
    core: true,
    options: { register: { type: 'string' }, secrecy: { type: 'string' }, 'arrival-date': { type: 'string' } },
    async run(args, ctx) {
      const secrecy = strArg(args, 'secrecy') as import('../../shared/domain/enums.js').Secrecy | undefined;
      return (await ctx.services()).incoming.nextNumber({
        register: strArg(args, 'register'),
        secrecy,
        arrivalDate: strArg(args, 'arrivalDate'),
      });
    },
  },

  search: {
    core: true,
    options: searchOptions,
    async run(args, ctx) {
      const query = strArg(args, 'query') ?? (args._.length ? args._.join(' ') : undefined);
      const params = {
        query,
        from: strArg(args, 'from'),
        to: strArg(args, 'to'),
        issuedFrom: strArg(args, 'issuedFrom'),
        issuedTo: strArg(args, 'issuedTo'),
        type: strArg(args, 'type'),
        org: strArg(args, 'org'),
        urgency: strArg(args, 'urgency'),
        secrecy: strArg(args, 'secrecy'),
        register: strArg(args, 'register'),
        status: strArg(args, 'status'),
        includeVoided: args.includeVoided === true,
        sort: strArg(args, 'sort'),
        limit: intArg(args, 'limit'),
        cursor: strArg(args, 'cursor'),
        in: strArg(args, 'in'),
      };
      const search = (await ctx.services()).search;
      // --count: the exact number of hits only (a page counts up to 10,000, then says "more").
      if (args.count === true) return search.count(params, viewerOf(ctx.principal));
      const result = await search.search(params, viewerOf(ctx.principal));
      // Grouped by hand as vi-VN does (10.000): toLocaleString's first call sets up ICU's number
      // formatting, 30 ms of CPU in a process that prints one number.
      const total = String(result.total).replace(/\B(?=(\d{3})+$)/g, '.');
      if (result.totalCapped) ctx.progress(`Hơn ${total} kết quả; thêm --count để đếm chính xác.`);
      return result;
    },
  },

  import: {
    options: { 'skip-invalid': { type: 'boolean' }, file: { type: 'string' }, format: { type: 'string' } },
    async run(args, ctx) {
      const file = strArg(args, 'file') ?? args._[0];
      if (!file) bad('required', 'file', 'Thiếu đường dẫn tệp cần nhập.');
      const { importIncomingFile } = await import('../incoming/import/importService.js');
      const s = await ctx.services();
      return importIncomingFile(s, file, {
        skipInvalid: args.skipInvalid === true,
        actor: ctx.actor,
        onProgress: ctx.progress,
        format: strArg(args, 'format'),
      });
    },
  },

  'outgoing draft': {
    options: { data: { type: 'string' }, 'data-file': { type: 'string' } },
    async run(args, ctx) {
      const data = dataArg(args);
      return (await ctx.services()).outgoing.draft(data, { actor: ctx.actor });
    },
  },

  'outgoing update': {
    options: { id: { type: 'string' }, data: { type: 'string' }, 'data-file': { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      return (await ctx.services()).outgoing.update(id, dataArg(args), { actor: ctx.actor, viewer: viewerOf(ctx.principal) });
    },
  },

  'outgoing approve': {
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).outgoing.approve(idArg(args), { actor: ctx.actor, viewer: viewerOf(ctx.principal) });
    },
  },

  'outgoing get': {
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).outgoing.get(idArg(args), viewerOf(ctx.principal));
    },
  },

  'outgoing list': {
    options: {
      register: { type: 'string' },
      year: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
    },
    async run(args, ctx) {
      return (await ctx.services()).outgoing.list(
        {
          register: strArg(args, 'register'),
          year: intArg(args, 'year'),
          status: strArg(args, 'status'),
          limit: intArg(args, 'limit'),
          cursor: strArg(args, 'cursor'),
        },
        viewerOf(ctx.principal),
      );
    },
  },

  'outgoing number': {
    options: { id: { type: 'string' }, register: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).outgoing.number(idArg(args), {
        actor: ctx.actor,
        register: strArg(args, 'register'),
        viewer: viewerOf(ctx.principal),
      });
    },
  },

  'outgoing pdf': {
    options: { id: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      const { writeFileAtomic } = await import('../pdf/printRegister.js');
      const pdf = await (await ctx.services()).outgoing.pdf(id, viewerOf(ctx.principal));
      return { path: writeFileAtomic(out, pdf.bytes), kind: pdf.kind, bytes: pdf.bytes.length };
    },
  },

  'outgoing issue': {
    options: { id: { type: 'string' }, paper: { type: 'boolean' }, copies: { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      if (args.paper !== true)
        bad(
          'required',
          'paper',
          'Dùng --paper để ban hành bản giấy; bản điện tử được ban hành khi văn thư ký số của cơ quan (outgoing sign --as organization).',
        );
      return (await ctx.services()).outgoing.issuePaper(id, {
        actor: ctx.actor,
        copies: intArg(args, 'copies'),
        viewer: viewerOf(ctx.principal),
      });
    },
  },

  'outgoing register': {
    options: { register: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      if (args._[0] !== 'print') bad('unknown_command', 'command', 'Dùng: outgoing register print --register MÃ --year NĂM --out TỆP.pdf');
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      const year = intArg(args, 'year') ?? bad('required', 'year', 'Thiếu --year NĂM.');
      const { buildOutgoingRegisterPdf, writeFileAtomic } = await import('../pdf/printRegister.js');
      const book = await buildOutgoingRegisterPdf(
        await ctx.services(),
        { register: strArg(args, 'register') ?? 'DI', year },
        viewerOf(ctx.principal),
      );
      return {
        path: writeFileAtomic(out, book.bytes),
        register: book.register,
        year: book.year,
        documents: book.documents,
        bytes: book.bytes.length,
      };
    },
  },

  'outgoing sign': {
    options: {
      id: { type: 'string' },
      as: { type: 'string' },
      p12: { type: 'string' },
      'p12-password-env': { type: 'string' },
      'pkcs11-lib': { type: 'string' },
      token: { type: 'string' },
      'token-label': { type: 'string' },
      'pin-env': { type: 'string' },
      'key-id': { type: 'string' },
      image: { type: 'string' },
    },
    async run(args, ctx) {
      const id = idArg(args);
      const as = strArg(args, 'as');
      if (as !== 'official' && as !== 'organization')
        bad('invalid_enum', 'as', '--as phải là official (người có thẩm quyền) hoặc organization (cơ quan).');
      const image = strArg(args, 'image');
      const imageBytes: Uint8Array | null = image ? readFileArg(image, 'image') : null;
      const services = await ctx.services();
      // The document first: no token process is started for a document that is not there.
      await services.outgoing.get(id, viewerOf(ctx.principal), 'sign');
      const { openSigner } = await import('./signers.js');
      const signer = await openSigner(args, ctx.services);
      try {
        return await (await ctx.services()).signing.sign(id, { as, signer, image: imageBytes, actor: ctx.actor });
      } finally {
        await signer.close?.();
      }
    },
  },

  verify: {
    options: { file: { type: 'string' }, trust: { type: 'string', multiple: true } },
    async run(args, ctx) {
      const file = strArg(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu đường dẫn tệp PDF.');
      const bytes: Uint8Array = readFileArg(file, 'file');
      const extra = (Array.isArray(args.trust) ? args.trust : args.trust ? [args.trust] : []).map((t) =>
        readFileArg(String(t), 'trust').toString('utf8'),
      );
      return (await ctx.services()).verify(bytes, extra);
    },
  },

  'trust add': {
    options: { file: { type: 'string' } },
    async run(args, ctx) {
      const file = strArg(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp chứng thư số (PEM).');
      const text = readFileArg(file, 'file').toString('utf8');
      return (await ctx.services()).trust.add(text, ctx.actor);
    },
  },

  'trust list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).trust.list();
    },
  },

  // Token (PKCS#11) libraries this PC may load: an administrator's setting (accounts and
  // roles come later). The page only ever chooses among these by id.
  'token add': {
    options: { library: { type: 'string' }, label: { type: 'string' } },
    async run(args, ctx) {
      const library = strArg(args, 'library') ?? args._[0] ?? bad('required', 'library', 'Thiếu --library ĐƯỜNG_DẪN_THƯ_VIỆN.');
      const label = strArg(args, 'label') ?? bad('required', 'label', 'Thiếu --label TÊN (tên hiện trong hộp ký số).');
      return (await ctx.services()).tokens.add(library, label, ctx.actor);
    },
  },

  'token list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).tokens.list();
    },
  },

  'token remove': {
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      const id = strArg(args, 'id') ?? args._[0] ?? bad('required', 'id', 'Thiếu mã thiết bị (xem token list).');
      return (await ctx.services()).tokens.remove(id, ctx.actor);
    },
  },

  'outgoing attach': {
    options: { id: { type: 'string' }, file: { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      const file = strArg(args, 'file') ?? bad('required', 'file', 'Thiếu --file TỆP.pdf.');
      const bytes: Uint8Array = readFileArg(file, 'file');
      return (await ctx.services()).outgoing.attach(id, { fileName: path.basename(file), bytes }, { actor: ctx.actor });
    },
  },

  'outgoing attachment': {
    options: { id: { type: 'string' }, attachment: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      const aid = intArg(args, 'attachment') ?? bad('required', 'attachment', 'Thiếu --attachment MÃ_TỆP.');
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      const { writeFileAtomic } = await import('../pdf/printRegister.js');
      const a = await (await ctx.services()).outgoing.attachmentPdf(id, aid, viewerOf(ctx.principal));
      return { path: writeFileAtomic(out, a.bytes), fileName: a.fileName, signed: a.signed, bytes: a.bytes.length };
    },
  },

  'outgoing search': {
    options: { query: { type: 'string' }, limit: { type: 'string' } },
    async run(args, ctx) {
      const query = strArg(args, 'query') ?? args._.join(' ');
      return (await ctx.services()).outgoing.search(query, intArg(args, 'limit'), viewerOf(ctx.principal));
    },
  },

  'unit add': {
    options: { code: { type: 'string' }, name: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).directory.addUnit(args.code, args.name, ctx.actor);
    },
  },

  'unit list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).directory.listUnits();
    },
  },

  'unit import': {
    options: { file: { type: 'string' } },
    async run(args, ctx) {
      const file = strArg(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp CSV (code,name).');
      const text = readFileArg(file, 'file').toString('utf8');
      return (await ctx.services()).directory.importUnits(text, ctx.actor);
    },
  },

  'person add': {
    options: { name: { type: 'string' }, unit: { type: 'string' }, role: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).directory.addPerson({ fullName: args.name, unit: args.unit, role: args.role }, ctx.actor);
    },
  },

  'person import': {
    options: { file: { type: 'string' } },
    async run(args, ctx) {
      const file = strArg(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp CSV (fullName,unit,role).');
      const text = readFileArg(file, 'file').toString('utf8');
      return (await ctx.services()).directory.importPeople(text, ctx.actor);
    },
  },

  'person list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).directory.listPeople();
    },
  },

  'incoming assign': {
    options: {
      id: { type: 'string' },
      lead: { type: 'string' },
      support: { type: 'string', multiple: true },
      due: { type: 'string' },
      'due-working-days': { type: 'string' },
      direction: { type: 'string' },
      at: { type: 'string' },
    },
    async run(args, ctx) {
      const id = idArg(args);
      const lead = strArg(args, 'lead') ?? bad('required', 'lead', 'Thiếu --lead MÃ_ĐƠN_VỊ (đơn vị chủ trì).');
      const support = (Array.isArray(args.support) ? args.support : args.support ? [args.support] : []).map(String);
      return (await ctx.services()).assignments.assign(
        id,
        {
          lead,
          support,
          due: strArg(args, 'due'),
          dueWorkingDays: intArg(args, 'dueWorkingDays'),
          direction: strArg(args, 'direction'),
          at: strArg(args, 'at'),
        },
        ctx.actor,
        viewerOf(ctx.principal),
      );
    },
  },

  'incoming progress': {
    options: {
      id: { type: 'string' },
      unit: { type: 'string' },
      status: { type: 'string' },
      reply: { type: 'string' },
      note: { type: 'string' },
      at: { type: 'string' },
    },
    async run(args, ctx) {
      const id = idArg(args);
      const unit = strArg(args, 'unit') ?? bad('required', 'unit', 'Thiếu --unit MÃ_ĐƠN_VỊ.');
      const status = strArg(args, 'status') ?? bad('required', 'status', 'Thiếu --status in_progress|done.');
      return (await ctx.services()).assignments.progress(
        id,
        {
          unit,
          status: status as 'in_progress' | 'done',
          reply: strArg(args, 'reply'),
          note: strArg(args, 'note'),
          at: strArg(args, 'at'),
        },
        ctx.actor,
        viewerOf(ctx.principal),
      );
    },
  },

  'incoming assignments': {
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).assignments.current(idArg(args), viewerOf(ctx.principal));
    },
  },

  'task add': {
    options: { data: { type: 'string' }, 'data-file': { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).tasks.add(dataArg(args), ctx.actor);
    },
  },

  'task update': {
    options: { id: { type: 'string' }, data: { type: 'string' }, 'data-file': { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      return (await ctx.services()).tasks.update(id, dataArg(args), ctx.actor);
    },
  },

  'task list': {
    options: { status: { type: 'string' }, unit: { type: 'string' }, limit: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).tasks.list({
        status: strArg(args, 'status'),
        unit: strArg(args, 'unit'),
        limit: intArg(args, 'limit'),
      });
    },
  },

  'calendar working-days': {
    options: { from: { type: 'string' }, days: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).calendar.addWorkingDays(
        strArg(args, 'from'),
        intArg(args, 'days') ?? bad('required', 'days', 'Thiếu --days N.'),
      );
    },
  },

  'calendar holidays': {
    options: { year: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).calendar.holidays(intArg(args, 'year') ?? bad('required', 'year', 'Thiếu --year NĂM.'));
    },
  },

  'calendar adjust': {
    options: { year: { type: 'string' }, data: { type: 'string' }, 'data-file': { type: 'string' } },
    async run(args, ctx) {
      const year = intArg(args, 'year') ?? bad('required', 'year', 'Thiếu --year NĂM.');
      return (await ctx.services()).calendar.adjust(year, dataArg(args), ctx.actor);
    },
  },

  followup: {
    options: { unit: { type: 'string' }, days: { type: 'string' }, limit: { type: 'string' } },
    async run(args, ctx) {
      const which = args._[0];
      const s = await ctx.services();
      const v = viewerOf(ctx.principal);
      if (which === 'overdue') return s.assignments.overdue({ unit: strArg(args, 'unit'), limit: intArg(args, 'limit') }, v);
      if (which === 'due-soon')
        return s.assignments.dueSoon({ unit: strArg(args, 'unit'), days: intArg(args, 'days'), limit: intArg(args, 'limit') }, v);
      return bad('unknown_command', 'command', 'Dùng: followup overdue|due-soon [--unit MÃ] [--days N].');
    },
  },

  'incoming slip': {
    options: { id: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      const id = idArg(args);
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      if (path.extname(out).toLowerCase() !== '.pdf') bad('unsupported_format', 'out', 'Phiếu giải quyết chỉ xuất được tệp .pdf.');
      const { buildRoutingSlip } = await import('../pdf/routingSlip.js');
      const { writeFileAtomic } = await import('../pdf/printRegister.js');
      const slip = await buildRoutingSlip(await ctx.services(), id, viewerOf(ctx.principal));
      return {
        path: writeFileAtomic(out, slip.bytes),
        id,
        arrivalNumber: slip.document.arrivalNumber,
        assignments: slip.assignments.length,
        bytes: slip.bytes.length,
      };
    },
  },

  'followup print': {
    options: { from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      if (path.extname(out).toLowerCase() !== '.pdf') bad('unsupported_format', 'out', 'Sổ theo dõi chỉ xuất được tệp .pdf.');
      const from = strArg(args, 'from') ?? bad('required', 'from', 'Thiếu --from NGÀY (năm-tháng-ngày).');
      const to = strArg(args, 'to') ?? bad('required', 'to', 'Thiếu --to NGÀY (năm-tháng-ngày).');
      const { buildFollowUpBook } = await import('../workflow/followUpBook.js');
      const { writeFileAtomic } = await import('../pdf/printRegister.js');
      const book = await buildFollowUpBook(await ctx.services(), { from, to, unit: strArg(args, 'unit') }, viewerOf(ctx.principal));
      return {
        path: writeFileAtomic(out, book.bytes),
        from: book.from,
        to: book.to,
        unit: book.unit,
        documents: book.documents,
        overdue: book.overdue,
        bytes: book.bytes.length,
      };
    },
  },

  'followup remind': {
    options: {
      unit: { type: 'string' },
      'signer-name': { type: 'string' },
      'signer-position': { type: 'string' },
      'signer-authority': { type: 'string' },
      'drafting-unit': { type: 'string' },
    },
    async run(args, ctx) {
      const unit = strArg(args, 'unit') ?? bad('required', 'unit', 'Thiếu --unit MÃ_ĐƠN_VỊ.');
      const name = strArg(args, 'signerName') ?? bad('required', 'signerName', 'Thiếu --signer-name HỌ_TÊN.');
      const position = strArg(args, 'signerPosition') ?? bad('required', 'signerPosition', 'Thiếu --signer-position CHỨC_VỤ.');
      const { draftReminder } = await import('../workflow/reminder.js');
      return draftReminder(await ctx.services(), {
        unit,
        actor: ctx.actor,
        signer: { authority: strArg(args, 'signerAuthority') ?? null, position, name },
        draftingUnit: strArg(args, 'draftingUnit'),
      });
    },
  },

  report: {
    options: { from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      const s = await ctx.services();
      const report = await s.reports.report(
        { from: strArg(args, 'from'), to: strArg(args, 'to'), unit: strArg(args, 'unit') },
        viewerOf(ctx.principal),
      );
      const out = strArg(args, 'out');
      if (!out) return report;
      const { exportReport } = await import('../reports/exportReport.js');
      const org = await s.orgInfo();
      const bytes = await exportReport(report, out, { orgName: org.orgName, printedAt: new Date(s.clock()) });
      const { writeFileAtomic } = await import('../pdf/printRegister.js');
      return { path: writeFileAtomic(out, bytes), bytes: bytes.length };
    },
  },

  'register list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).registers(viewerOf(ctx.principal));
    },
  },

  'register print': {
    options: { register: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    async run(args, ctx) {
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      const year = intArg(args, 'year') ?? bad('required', 'year', 'Thiếu --year NĂM.');
      const register = strArg(args, 'register') ?? 'DEN';
      const { printIncomingRegister } = await import('../pdf/printRegister.js');
      return printIncomingRegister(await ctx.services(), { register, year, out }, viewerOf(ctx.principal));
    },
  },

  audit: {
    options: { id: { type: 'string' }, entity: { type: 'string' } },
    async run(args, ctx) {
      const entity = strArg(args, 'entity') ?? 'incoming';
      const s = await ctx.services();
      if (entity === 'incoming') return s.incoming.auditTrail(idArg(args), viewerOf(ctx.principal));
      if (entity === 'outgoing') return s.outgoing.auditTrail(idArg(args), viewerOf(ctx.principal));
      return bad('invalid_enum', 'entity', '--entity phải là incoming hoặc outgoing.');
    },
  },

  check: {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).check();
    },
  },

  'migrate-to': {
    options: { from: { type: 'string' } },
    // Moving an office is its administrator's act: signed in on the database being moved.
    authDb: (args) => (typeof args.from === 'string' ? path.resolve(args.from) : undefined),
    async run(args, ctx) {
      const target = args._[0] ?? bad('required', 'database', 'Thiếu địa chỉ cơ sở dữ liệu đích postgres://MÁY-CHỦ:CỔNG/TÊN.');
      const from = strArg(args, 'from') ?? bad('required', 'from', 'Thiếu --from TỆP.sqlite.');
      const { parsePgUrl, isPostgresUrl } = await import('../db/postgres/locator.js');
      if (!isPostgresUrl(target)) return bad('invalid_database', 'database', 'Đích phải là postgres://MÁY-CHỦ:CỔNG/TÊN.');
      const { migrateSqliteToPostgres } = await import('../db/postgres/migrateFromSqlite.js');
      // The administrator running the move gave their password to sign in: their login role
      // gets it; the others' must be reset on the server (see MigrateToResult.logins).
      const passwords = new Map<string, string>(ctx.personPassword !== undefined ? [[ctx.actor, ctx.personPassword]] : []);
      return migrateSqliteToPostgres(path.resolve(from), parsePgUrl(target), { actor: ctx.actor, progress: ctx.progress, passwords });
    },
  },

  ...INTERCHANGE_COMMANDS,

  backup: {
    options: { dest: { type: 'string' } },
    async run(args, ctx) {
      const dest = strArg(args, 'dest') ?? args._[0] ?? bad('required', 'dest', 'Thiếu đường dẫn tệp sao lưu.');
      const r = await (await ctx.services()).backup(path.resolve(dest));
      return { ok: true, path: path.resolve(dest), ...r };
    },
  },

  ...ARCHIVE_COMMANDS,
  ...DISPOSITION_COMMANDS,
  ...LETTER_COMMANDS,
};

/** Longest command name that prefixes the words (`incoming add …` before `incoming`). */
export function findCommand(words: string[]): { name: string; command: Command; rest: string[] } | null {
  for (let n = Math.min(2, words.length); n >= 1; n--) {
    const name = words.slice(0, n).join(' ');
    const command = COMMANDS[name];
    if (command) return { name, command, rest: words.slice(n) };
  }
  return null;
}
