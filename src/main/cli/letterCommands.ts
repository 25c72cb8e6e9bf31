/**
 * Citizens' letters, hotline feedback, the organ directory and the office's periodic report
 * (`letter …`, `hotline …`, `report office`; the organ directory is interchange's `organ …`): flags become the same named inputs
 * the contract takes, and the letters' services check them (coded errors, exit 2). Personal
 * data goes only where the services let it: never into an error message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { letterActorFor } from '../letters/access.js';
import type { CommandArgs } from './args.js';
import type { Command, CommandContext } from './commands.js';

function bad(code: string, field: string, message: string): never {
  throw new AppFailure({ code, field, message });
}

/** Flags given (kebab-case already camelCased), without the CLI's own, as the service's input. */
function input(args: CommandArgs, drop: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (!['_', 'db', 'database', 'json', 'help', 'id', ...drop].includes(k) && v !== undefined) out[k] = v;
  }
  return out;
}

function idArg(args: CommandArgs): number {
  const raw = args.id ?? args._[0];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) bad('invalid_id', 'id', 'Mã đơn (ID) phải là số nguyên dương.');
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

/** `--data JSON` (command line: a string; batch: an object) or `--data-file F`. */
function dataArg(args: CommandArgs): unknown {
  let text: string;
  if (args.data !== undefined) {
    if (typeof args.data !== 'string') return args.data;
    text = args.data;
  } else if (typeof args.dataFile === 'string') {
    try {
      text = readFileSync(args.dataFile, 'utf8');
    } catch {
      throw new AppFailure(makeError('file_not_found', { field: 'dataFile', params: { value: args.dataFile } }));
    }
  } else return bad('required', 'data', 'Thiếu --data JSON hoặc --data-file TỆP.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return bad('invalid_json', 'data', 'Dữ liệu --data không phải JSON hợp lệ.');
  }
}

function boolFlag(args: CommandArgs, name: string): boolean | undefined {
  const v = args[name];
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'yes' || v === 'co') return true;
  if (v === 'false' || v === 'no' || v === 'khong') return false;
  return bad('invalid_input', name, `--${name}: dùng true hoặc false.`);
}

const who = (ctx: CommandContext) => letterActorFor(ctx.principal, ctx.actor);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

const s = { type: 'string' } as const;
const b = { type: 'boolean' } as const;
const many = { type: 'string', multiple: true } as const;

async function writeOut(out: string, bytes: Uint8Array): Promise<string> {
  const { writeFileAtomic } = await import('../pdf/printRegister.js');
  return writeFileAtomic(out, bytes);
}

export const LETTER_COMMANDS: Record<string, Command> = {
  'letter add': {
    options: { data: s, 'data-file': s },
    async run(args, ctx) {
      return (await ctx.services()).letters.add(dataArg(args) as Record<string, unknown>, who(ctx));
    },
  },
  'letter get': {
    options: { id: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.get(idArg(args), who(ctx));
    },
  },
  'letter attach': {
    options: { id: s, file: s, ocr: b },
    async run(args, ctx) {
      const id = idArg(args);
      const file = strArg(args, 'file') ?? (args._[1] as string | undefined) ?? bad('required', 'file', 'Thiếu tệp (ảnh quét hoặc PDF).');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new AppFailure(makeError('file_not_found', { field: 'file', params: { value: file } }));
      }
      return (await ctx.services()).letterFiles.attach(
        id,
        { fileName: path.basename(file), bytes },
        { ocr: boolFlag(args, 'ocr') === true },
        who(ctx),
      );
    },
  },
  'letter text': {
    options: { id: s },
    async run(args, ctx) {
      return (await ctx.services()).letterFiles.texts(idArg(args), who(ctx));
    },
  },
  'letter attachment': {
    options: { id: s, attachment: s, out: s },
    async run(args, ctx) {
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.');
      const attachment = intArg(args, 'attachment') ?? bad('required', 'attachment', 'Thiếu --attachment MÃ_TỆP (xem letter get).');
      const f = await (await ctx.services()).letterFiles.file(idArg(args), attachment, who(ctx));
      return { path: await writeOut(out, f.bytes), fileName: f.fileName, mime: f.mime, bytes: f.bytes.length };
    },
  },
  'letter update': {
    options: { id: s, data: s, 'data-file': s },
    async run(args, ctx) {
      return (await ctx.services()).letters.update(idArg(args), dataArg(args) as Record<string, unknown>, who(ctx));
    },
  },
  'letter list': {
    options: { from: s, to: s, kind: s, channel: s, status: s, overdue: b, query: s, limit: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.list({ ...input(args, ['limit']), limit: intArg(args, 'limit') }, who(ctx));
    },
  },
  'letter link': {
    options: { id: s, earlier: many },
    async run(args, ctx) {
      const earlier = list(args.earlier).map((x) => (/^\d+$/.test(x) ? Number(x) : NaN));
      return (await ctx.services()).letters.link(idArg(args), earlier, who(ctx));
    },
  },
  'letter classify': {
    options: { id: s, eligible: b, 'not-eligible': b, competence: s, kind: s, note: s, at: s },
    async run(args, ctx) {
      if (args.eligible && args.notEligible) bad('invalid_input', 'eligible', 'Chọn một: --eligible hoặc --not-eligible.');
      const eligible = args.notEligible === true ? false : typeof args.eligible === 'boolean' ? args.eligible : undefined;
      return (await ctx.services()).letters.classify(idArg(args), { ...input(args, ['eligible', 'notEligible']), eligible }, who(ctx));
    },
  },
  'letter transfer': {
    options: { id: s, organ: s, note: s, ref: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.transfer(idArg(args), { ...input(args, ['organ']), organId: args.organ }, who(ctx));
    },
  },
  'letter guide': {
    options: { id: s, to: s, note: s, ref: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.guide(idArg(args), { ...input(args, ['to']), guidedTo: args.to }, who(ctx));
    },
  },
  'letter accept': {
    options: { id: s, lead: s, support: many, due: s, 'due-working-days': s, direction: s, note: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.accept(
        idArg(args),
        {
          ...input(args, ['support', 'dueWorkingDays']),
          support: args.support === undefined ? undefined : list(args.support),
          dueWorkingDays: intArg(args, 'dueWorkingDays'),
        },
        who(ctx),
      );
    },
  },
  'letter file': {
    options: { id: s, reason: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.file(idArg(args), input(args), who(ctx));
    },
  },
  'letter return': {
    options: { id: s, reason: s, ref: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.returnLetter(idArg(args), input(args), who(ctx));
    },
  },
  'letter answer': {
    options: { id: s, answer: s, ref: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.answer(idArg(args), input(args), who(ctx));
    },
  },
  'letter slip': {
    options: { id: s, kind: s, out: s },
    async run(args, ctx) {
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.pdf.');
      if (path.extname(out).toLowerCase() !== '.pdf') bad('unsupported_format', 'out', 'Phiếu chỉ xuất được tệp .pdf.');
      const kind = strArg(args, 'kind');
      if (kind !== 'transfer' && kind !== 'guidance')
        bad('invalid_enum', 'kind', '--kind: transfer (phiếu chuyển đơn) hoặc guidance (phiếu hướng dẫn).');
      const { buildLetterSlip } = await import('../letters/letterSlip.js');
      const slip = await buildLetterSlip(await ctx.services(), idArg(args), kind, who(ctx));
      return { path: await writeOut(out, slip.bytes), bytes: slip.bytes.length };
    },
  },
  'letter followup': {
    options: { overdue: b, days: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.followUp({ overdue: boolFlag(args, 'overdue'), days: intArg(args, 'days') }, who(ctx));
    },
  },
  'letter export': {
    options: { from: s, to: s, out: s, personal: b },
    async run(args, ctx) {
      const out = strArg(args, 'out') ?? bad('required', 'out', 'Thiếu --out TỆP.csv.');
      const r = await (
        await ctx.services()
      ).letters.exportCsv({ from: args.from, to: args.to, personal: boolFlag(args, 'personal') === true }, who(ctx));
      return { path: await writeOut(out, r.bytes), bytes: r.bytes.length };
    },
  },
  'report office': {
    options: {
      from: s,
      to: s,
      'dossiers-received': s,
      'dossiers-resolved': s,
      'dossiers-on-time': s,
      draft: b,
      'signer-name': s,
      'signer-position': s,
    },
    async run(args, ctx) {
      const { officeReport, draftOfficeReport } = await import('../letters/officeReport.js');
      const input = {
        from: args.from,
        to: args.to,
        dossiers: { received: args.dossiersReceived, resolved: args.dossiersResolved, onTime: args.dossiersOnTime },
      };
      const services = await ctx.services();
      if (args.draft !== true) return officeReport(services, input);
      const signer = {
        ...(strArg(args, 'signerName') ? { name: strArg(args, 'signerName') } : {}),
        ...(strArg(args, 'signerPosition') ? { position: strArg(args, 'signerPosition') } : {}),
      };
      const r = await draftOfficeReport(services, { ...input, signer }, ctx.principal!);
      return { draft: r.draft, report: r.report };
    },
  },
  'letter stats': {
    options: { from: s, to: s },
    async run(args, ctx) {
      return (await ctx.services()).letterStats.stats({ from: args.from, to: args.to }, who(ctx).access);
    },
  },

  'hotline add': {
    options: {
      data: s,
      'data-file': s,
      'caller-name': s,
      'caller-phone': s,
      'caller-address': s,
      procedure: s,
      unit: s,
      cause: s,
      content: s,
      'received-at': s,
    },
    async run(args, ctx) {
      const data = args.data !== undefined || args.dataFile !== undefined ? (dataArg(args) as Record<string, unknown>) : input(args);
      return (await ctx.services()).hotline.add(data, who(ctx));
    },
  },
  'hotline get': {
    options: { id: s },
    async run(args, ctx) {
      return (await ctx.services()).hotline.get(idArg(args), who(ctx));
    },
  },
  'hotline forward': {
    options: { id: s, unit: s, due: s, 'due-working-days': s, note: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).hotline.forward(
        idArg(args),
        { ...input(args, ['dueWorkingDays']), dueWorkingDays: intArg(args, 'dueWorkingDays') },
        who(ctx),
      );
    },
  },
  'hotline answer': {
    options: { id: s, answer: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).hotline.answer(idArg(args), input(args), who(ctx));
    },
  },
  'hotline close': {
    options: { id: s, note: s, at: s },
    async run(args, ctx) {
      return (await ctx.services()).hotline.close(idArg(args), input(args), who(ctx));
    },
  },
  'hotline letter': {
    options: { id: s, kind: s, subject: s },
    async run(args, ctx) {
      return (await ctx.services()).letters.fromHotline(idArg(args), { kind: args.kind, subject: args.subject }, who(ctx));
    },
  },
  'hotline list': {
    options: { from: s, to: s, status: s, cause: s, unit: s, overdue: b, limit: s },
    async run(args, ctx) {
      return (await ctx.services()).hotline.list({ ...input(args, ['limit']), limit: intArg(args, 'limit') }, who(ctx));
    },
  },
};
