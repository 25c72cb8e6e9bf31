/**
 * The archive's commands (`fileplan …`, `dossier …`): flags become the same named inputs
 * the contract takes, and the archive service checks them (coded errors, exit 2).
 */
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

function actor(ctx: CommandContext) {
  return { actor: ctx.actor };
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
    options: { year: s, state: s, code: s, query: s, limit: s },
    async run(args, ctx) {
      return (await ctx.services()).archive.list(input(args, args._.length ? { query: args._.join(' ') } : {}), actor(ctx));
    },
  },
};
