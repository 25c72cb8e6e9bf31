/**
 * The archive's commands (`fileplan …`, `dossier …`): flags become the same named inputs
 * the contract takes, and the archive service checks them (coded errors, exit 2).
 */
import { archiveActorOf } from '../archive/actor.js';
import type { ArchiveActor } from '../archive/archiveService.js';
import type { CommandArgs } from './args.js';
import type { Command, CommandContext } from './commands.js';

/** Flags given (kebab-case already camelCased), without the CLI's own, as the service's input. */
function input(args: CommandArgs, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!['_', 'db', 'database', 'json', 'help'].includes(k) && v !== undefined) out[k] = v;
  return { ...out, ...extra };
}

/** The first positional word as a number, when it is one (ids and years); else as typed. */
function first(args: CommandArgs): unknown {
  const v = args._[0];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : v;
}

/** The signed-in account: the audit names them; their confidential grant decides which dossiers are there. */
function actor(ctx: CommandContext): ArchiveActor {
  return archiveActorOf(ctx.principal, ctx.actor);
}

const s = { type: 'string' } as const;
const b = { type: 'boolean' } as const;

export const ARCHIVE_COMMANDS: Record<string, Command> = {
  'fileplan show': {
    options: { year: s },
    async run(args, ctx) {
      const year = Number(args.year ?? first(args));
      return (await ctx.services()).archive.plan(year, actor(ctx));
    },
  },
  'fileplan create': {
    options: { year: s, numbering: s },
    async run(args, ctx) {
      return (await ctx.services()).archive.createPlan(input(args, { year: args.year ?? first(args) }), actor(ctx));
    },
  },
  'fileplan add-heading': {
    options: { year: s, title: s, abbreviation: s, abbr: s, parent: s, numbering: s },
    async run(args, ctx) {
      const { abbr, ...rest } = input(args, { year: args.year ?? first(args) });
      return (await ctx.services()).archive.addHeading({ ...rest, ...(abbr !== undefined ? { abbreviation: abbr } : {}) }, actor(ctx));
    },
  },
  'fileplan add-dossier': {
    options: { year: s, heading: s, title: s, retention: s, creator: s, note: s, rights: s },
    async run(args, ctx) {
      return (await ctx.services()).archive.addPlanDossier(input(args, { year: args.year ?? first(args) }), actor(ctx));
    },
  },
  'fileplan approve': {
    options: { year: s, 'decision-number': s, 'decision-date': s },
    async run(args, ctx) {
      return (await ctx.services()).archive.approvePlan(input(args, { year: args.year ?? first(args) }), actor(ctx));
    },
  },
  'fileplan copy-from': {
    options: { from: s, year: s, to: s },
    async run(args, ctx) {
      const { to, ...rest } = input(args, { from: args.from ?? first(args) });
      return (await ctx.services()).archive.copyPlan({ ...rest, year: rest.year ?? to }, actor(ctx));
    },
  },
  'dossier open': {
    options: {
      id: s,
      year: s,
      code: s,
      title: s,
      retention: s,
      creator: s,
      'start-date': s,
      rights: s,
      description: s,
      'basic-construction': b,
    },
    async run(args, ctx) {
      return (await ctx.services()).archive.open(input(args), actor(ctx));
    },
  },
  'dossier add-doc': {
    options: { id: s, kind: s, doc: s, note: s },
    async run(args, ctx) {
      const { doc, ...rest } = input(args, { id: args.id ?? first(args) });
      return (await ctx.services()).archive.addDoc({ ...rest, docId: doc }, actor(ctx));
    },
  },
  'dossier remove-doc': {
    options: { id: s, kind: s, doc: s, reason: s },
    async run(args, ctx) {
      const { doc, ...rest } = input(args, { id: args.id ?? first(args) });
      return (await ctx.services()).archive.removeDoc({ ...rest, docId: doc }, actor(ctx));
    },
  },
  'dossier close': {
    options: { id: s, title: s, retention: s, 'end-date': s, 'page-total': s, 'keep-flagged': b },
    async run(args, ctx) {
      return (await ctx.services()).archive.close(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'dossier get': {
    options: { id: s },
    async run(args, ctx) {
      return (await ctx.services()).archive.get(Number(args.id ?? first(args)), actor(ctx));
    },
  },
  'dossier list': {
    options: { year: s, state: s, code: s, query: s, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).archive.list(input(args, args._.length ? { query: args._.join(' ') } : {}), actor(ctx));
    },
  },
};

/** Writes a produced file to --out (atomically) and says where. */
async function writeOut(args: CommandArgs, file: { fileName: string; bytes: Uint8Array }, extra: Record<string, unknown> = {}) {
  const out = typeof args.out === 'string' && args.out ? args.out : file.fileName;
  const { writeFileAtomic } = await import('../pdf/printRegister.js');
  return { path: writeFileAtomic(out, file.bytes), bytes: file.bytes.length, ...extra };
}

const docs = () => import('../archive/archiveDocuments.js');

export const DISPOSITION_COMMANDS: Record<string, Command> = {
  'fileplan print': {
    options: { year: s, out: s },
    async run(args, ctx) {
      const year = Number(args.year ?? first(args));
      return writeOut(args, await (await docs()).printFilePlan(await ctx.services(), year, actor(ctx)));
    },
  },
  'dossier index': {
    options: { id: s, out: s },
    async run(args, ctx) {
      return writeOut(args, await (await docs()).printDossierIndex(await ctx.services(), Number(args.id ?? first(args)), actor(ctx)));
    },
  },
  'dossier correct': {
    options: {
      id: s,
      reason: s,
      title: s,
      description: s,
      creator: s,
      note: s,
      language: s,
      rights: s,
      'start-date': s,
      'end-date': s,
      'page-total': s,
    },
    async run(args, ctx) {
      return (await ctx.services()).archive.correct(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'dossier export': {
    options: { id: s, out: s },
    async run(args, ctx) {
      const dir = typeof args.out === 'string' && args.out ? args.out : '.';
      const x = await (await docs()).exportDossierFiles(await ctx.services(), Number(args.id ?? first(args)), actor(ctx));
      const { mkdirSync } = await import('node:fs');
      const path = await import('node:path');
      mkdirSync(dir, { recursive: true });
      const pdf = await writeOut({ ...args, out: path.join(dir, x.pdf.fileName) }, x.pdf);
      const xml = await writeOut({ ...args, out: path.join(dir, x.xml.fileName) }, x.xml);
      return { pdf: pdf.path, xml: xml.path, pages: x.pages, documentsNotInPdf: x.notEmbedded };
    },
  },
  'hold add': {
    options: { target: { type: 'string', multiple: true }, 'ordered-by': s, 'order-ref': s, reason: s, 'group-name': s },
    async run(args, ctx) {
      const { target, ...rest } = input(args);
      return (await ctx.services()).disposition.placeHold({ ...rest, targets: target ?? args._ }, actor(ctx));
    },
  },
  'hold lift': {
    options: { id: s, 'lift-ref': s, reason: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.liftHold(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'hold list': {
    options: { all: b, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.holds(input(args), actor(ctx));
    },
  },
  'handover due': {
    options: { 'as-of': s, 'within-days': s, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.due(input(args), actor(ctx));
    },
  },
  'handover keep-back': {
    options: { id: s, 'decision-ref': s, 'decided-by': s, reason: s, until: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.keepBack(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'handover create': {
    options: {
      dossiers: s,
      'unit-name': s,
      'block-name': s,
      'giver-name': s,
      'giver-position': s,
      'receiver-name': s,
      'receiver-position': s,
      basis: s,
      condition: s,
      boxes: s,
      'shelf-meters': s,
    },
    async run(args, ctx) {
      return (await ctx.services()).disposition.createHandover(input(args), actor(ctx));
    },
  },
  'handover list': {
    options: { status: s, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.handovers(input(args), actor(ctx));
    },
  },
  'handover accept': {
    options: { id: s, 'receiver-name': s, 'receiver-position': s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.acceptHandover(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'handover get': {
    options: { id: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.handover(Number(args.id ?? first(args)), actor(ctx));
    },
  },
  'handover print': {
    options: { id: s, out: s },
    async run(args, ctx) {
      return writeOut(args, await (await docs()).printHandover(await ctx.services(), Number(args.id ?? first(args)), actor(ctx)));
    },
  },
  'handover package': {
    options: { id: s, out: s },
    async run(args, ctx) {
      const pkg = await (await docs()).packageHandover(await ctx.services(), Number(args.id ?? first(args)), actor(ctx));
      return writeOut(args, pkg, { sha256: pkg.sha256, entries: pkg.entries });
    },
  },
  'handover verify-package': {
    options: { file: s },
    async run(args, ctx) {
      const file = (typeof args.file === 'string' ? args.file : args._[0]) ?? '';
      const { readFileSync } = await import('node:fs');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        const { AppFailure } = await import('../../shared/result.js');
        const { makeError } = await import('../../shared/errors.js');
        throw new AppFailure(makeError('file_not_found', { field: 'file', params: { value: file } }));
      }
      return (await docs()).verifyHandoverPackage(await ctx.services(), bytes);
    },
  },
  'retention expired': {
    options: { year: s, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.expired(input(args), actor(ctx));
    },
  },
  'destroy propose': {
    options: { dossiers: s, title: s, note: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.proposeDestruction(input(args), actor(ctx));
    },
  },
  'destroy approve': {
    options: { id: s, 'council-ref': s, 'minutes-ref': s, 'appraisal-ref': s, 'decision-ref': s, 'decision-date': s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.approveDestruction(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'destroy execute': {
    options: { id: s, 'minutes-ref': s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.executeDestruction(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'destroy get': {
    options: { id: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.destruction(Number(args.id ?? first(args)), actor(ctx));
    },
  },
  'destroy list': {
    options: { status: s, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.destructions(input(args), actor(ctx));
    },
  },
  'usage add': {
    options: { kind: s, 'target-id': s, 'user-name': s, 'approved-by': s, 'used-on': s, note: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.addUsage(input(args), actor(ctx));
    },
  },
  'usage return': {
    options: { id: s, 'returned-on': s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.returnUsage(input(args, { id: args.id ?? first(args) }), actor(ctx));
    },
  },
  'usage list': {
    options: { from: s, to: s, limit: s, after: s },
    async run(args, ctx) {
      return (await ctx.services()).disposition.usage(input(args), actor(ctx));
    },
  },
  'usage print': {
    options: { year: s, out: s },
    async run(args, ctx) {
      return writeOut(args, await (await docs()).printUsage(await ctx.services(), input(args), actor(ctx)));
    },
  },
};
