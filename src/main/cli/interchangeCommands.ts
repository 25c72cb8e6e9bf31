/**
 * Commands of interchange with other offices: the trust store for Vietnamese CAs, the
 * organ directory, edXML packages in and out, and the inbox/outbox exchange. Heavy modules
 * (the XML parser, the signature verifier) are imported by the commands that use them.
 */
import { readFileSync } from 'node:fs';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { CommandArgs } from './args.js';
import type { Command } from './commands.js';

function bad(code: string, field: string, message: string): never {
  throw new AppFailure({ code, field, message });
}

function str(args: CommandArgs, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') bad('invalid_input', name, `--${name} phải là chuỗi.`);
  return v;
}

function readFileArg(file: string, field: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new AppFailure(makeError('file_not_found', { field, params: { value: file } }));
  }
}

export const INTERCHANGE_COMMANDS: Record<string, Command> = {
  'trust import': {
    options: { file: { type: 'string' }, legacy: { type: 'boolean' } },
    async run(args, ctx) {
      const file = str(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp chứng thư (PEM, .p7b hoặc .p7c).');
      const bytes = readFileArg(file, 'file');
      return (await ctx.services()).trust.import(bytes, { legacy: args.legacy === true, actor: ctx.actor });
    },
  },

  'trust legacy': {
    options: { id: { type: 'string' }, off: { type: 'boolean' } },
    async run(args, ctx) {
      const raw = str(args, 'id') ?? args._[0];
      const id =
        raw && /^\d+$/.test(raw) ? Number(raw) : bad('invalid_id', 'id', 'Mã chứng thư (ID, xem trust list) phải là số nguyên dương.');
      return (await ctx.services()).trust.setLegacy(id, args.off !== true, ctx.actor);
    },
  },
};
