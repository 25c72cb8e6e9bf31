/**
 * Commands of interchange with other offices: the trust store for Vietnamese CAs, the
 * organ directory, edXML packages in and out, and the inbox/outbox exchange. Heavy modules
 * (the XML parser, the signature verifier) are imported by the commands that use them.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BusinessDocType } from '../../shared/domain/interchange.js';
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

  'trust remove': {
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      const raw = str(args, 'id') ?? args._[0];
      const id =
        raw && /^\d+$/.test(raw) ? Number(raw) : bad('invalid_id', 'id', 'Mã chứng thư (ID, xem trust list) phải là số nguyên dương.');
      return (await ctx.services()).trust.remove(id, ctx.actor);
    },
  },

  'organ add': {
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      'in-charge': { type: 'string' },
      address: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      fax: { type: 'string' },
      website: { type: 'string' },
      parent: { type: 'string' },
    },
    async run(args, ctx) {
      const input = {
        organId: str(args, 'id') ?? args._[0],
        name: str(args, 'name'),
        inCharge: str(args, 'inCharge'),
        address: str(args, 'address'),
        email: str(args, 'email'),
        phone: str(args, 'phone'),
        fax: str(args, 'fax'),
        website: str(args, 'website'),
        parentId: str(args, 'parent'),
      };
      return (await ctx.services()).interchange.addOrgan(input, ctx.actor);
    },
  },

  'organ import': {
    options: { file: { type: 'string' } },
    async run(args, ctx) {
      const file = str(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp CSV danh bạ cơ quan.');
      return (await ctx.services()).interchange.importOrgans(readFileArg(file, 'file'), ctx.actor);
    },
  },

  'organ list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).interchange.listOrgans();
    },
  },

  'edxml export': {
    options: {
      id: { type: 'string' },
      to: { type: 'string', multiple: true },
      out: { type: 'string' },
      recall: { type: 'boolean' },
      update: { type: 'boolean' },
      replaces: { type: 'string' },
      reason: { type: 'string' },
    },
    async run(args, ctx) {
      const id = positiveId(str(args, 'id') ?? args._[0]);
      const to = (Array.isArray(args.to) ? args.to : args.to ? [args.to] : []).flatMap((t) => String(t).split(','));
      const out = str(args, 'out') ?? bad('required', 'out', 'Thiếu thư mục ghi gói tin (--out DIR).');
      const replaces = str(args, 'replaces');
      const businessType: BusinessDocType = args.recall === true ? 1 : args.update === true ? 2 : replaces !== undefined ? 3 : 0;
      const reason = str(args, 'reason');
      const s = await ctx.services();
      const { FolderTransport } = await import('../interchange/transport.js');
      const sent = await s.interchange.send(id, to, {
        actor: ctx.actor,
        businessType,
        ...(reason !== undefined ? { reason } : {}),
        ...(replaces !== undefined ? { replaces: positiveId(replaces) } : {}),
      });
      await mkdir(out, { recursive: true });
      const transport = new FolderTransport(out, out);
      for (const m of sent.messages) await transport.send(m);
      return { documentId: sent.documentId, files: sent.messages.map((m) => path.join(out, m.fileName)), deliveries: sent.deliveries };
    },
  },

  'edxml send': {
    options: {
      id: { type: 'string' },
      to: { type: 'string', multiple: true },
      recall: { type: 'boolean' },
      update: { type: 'boolean' },
      replaces: { type: 'string' },
      reason: { type: 'string' },
    },
    async run(args, ctx) {
      const id = positiveId(str(args, 'id') ?? args._[0]);
      const to = (Array.isArray(args.to) ? args.to : args.to ? [args.to] : []).flatMap((t) => String(t).split(','));
      const replaces = str(args, 'replaces');
      const reason = str(args, 'reason');
      return (await ctx.services()).interchange.sendToOutbox(id, to, {
        actor: ctx.actor,
        businessType: args.recall === true ? 1 : args.update === true ? 2 : replaces !== undefined ? 3 : 0,
        ...(reason !== undefined ? { reason } : {}),
        ...(replaces !== undefined ? { replaces: positiveId(replaces) } : {}),
      });
    },
  },

  'exchange folders': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).interchange.folders();
    },
  },

  'exchange set-folders': {
    options: { inbox: { type: 'string' }, outbox: { type: 'string' }, errors: { type: 'string' }, interval: { type: 'string' } },
    async run(args, ctx) {
      const interval = str(args, 'interval');
      if (interval !== undefined && !/^\d{1,5}$/.test(interval))
        bad('invalid_number', 'intervalSeconds', '--interval: số giây từ 5 đến 3600.');
      return (await ctx.services()).interchange.setFolders(
        {
          inbox: str(args, 'inbox') ?? null,
          outbox: str(args, 'outbox') ?? null,
          errors: str(args, 'errors') ?? null,
          ...(interval !== undefined ? { intervalSeconds: Number(interval) } : {}),
        },
        ctx.actor,
      );
    },
  },

  'edxml import': {
    options: { file: { type: 'string' }, register: { type: 'boolean' }, force: { type: 'boolean' } },
    async run(args, ctx) {
      const file = str(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp gói tin edXML.');
      const s = await ctx.services();
      const r = await s.interchange.receive(readFileArg(file, 'file'), { actor: ctx.actor });
      if (args.register === true && r.kind === 'document') {
        return { ...r, ...(await s.interchange.register(r.received.id, { actor: ctx.actor, force: args.force === true })) };
      }
      return r;
    },
  },

  'edxml status': {
    options: { file: { type: 'string' } },
    async run(args, ctx) {
      const file = str(args, 'file') ?? args._[0] ?? bad('required', 'file', 'Thiếu tệp gói tin trạng thái.');
      const s = await ctx.services();
      const { parseEdxml } = await import('../interchange/edxml.js');
      const bytes = readFileArg(file, 'file');
      if (parseEdxml(bytes).kind !== 'status')
        bad('edxml_not_status', 'file', 'Tệp không phải gói tin trạng thái (dùng edxml import cho văn bản).');
      return s.interchange.receive(bytes, { actor: ctx.actor });
    },
  },

  'edxml received': {
    options: { limit: { type: 'string' } },
    async run(_args, ctx) {
      return (await ctx.services()).interchange.listReceived();
    },
  },

  'edxml register': {
    options: { id: { type: 'string' }, data: { type: 'string' }, force: { type: 'boolean' } },
    async run(args, ctx) {
      const id = positiveId(str(args, 'id') ?? args._[0]);
      const data = str(args, 'data');
      let fields: Record<string, unknown> | undefined;
      if (data !== undefined) {
        try {
          fields = JSON.parse(data) as Record<string, unknown>;
        } catch {
          bad('invalid_input', 'data', '--data phải là JSON.');
        }
      }
      return (await ctx.services()).interchange.register(id, {
        actor: ctx.actor,
        force: args.force === true,
        ...(fields ? { fields } : {}),
      });
    },
  },

  'edxml refuse': {
    options: { id: { type: 'string' }, reason: { type: 'string' } },
    async run(args, ctx) {
      const id = positiveId(str(args, 'id') ?? args._[0]);
      return (await ctx.services()).interchange.refuse(id, str(args, 'reason') ?? '', ctx.actor);
    },
  },

  'edxml deliveries': {
    options: { id: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).interchange.deliveries(positiveId(str(args, 'id') ?? args._[0]));
    },
  },

  'exchange run': {
    options: { inbox: { type: 'string' }, outbox: { type: 'string' }, once: { type: 'boolean' }, interval: { type: 'string' } },
    async run(args, ctx) {
      const s = await ctx.services();
      // Without --inbox/--outbox: the folders the administrator set (exchange set-folders).
      const set = await s.interchange.folders();
      const inbox =
        str(args, 'inbox') ??
        set.inbox ??
        bad('exchange_not_configured', 'inbox', 'Thiếu thư mục nhận (--inbox DIR, hoặc exchange set-folders).');
      const outbox =
        str(args, 'outbox') ??
        set.outbox ??
        bad('exchange_not_configured', 'outbox', 'Thiếu thư mục gửi (--outbox DIR, hoặc exchange set-folders).');
      const errors = str(args, 'inbox') ? null : set.errors;
      const { FolderTransport, exchangeOnce } = await import('../interchange/transport.js');
      await mkdir(inbox, { recursive: true });
      await mkdir(outbox, { recursive: true });
      // --once: what is in the inbox now, whatever its age (a script hands over finished files).
      const transport = new FolderTransport(inbox, outbox, args.once === true ? 0 : 2000, undefined, errors);
      if (args.once === true) return exchangeOnce(s.interchange, transport, ctx.actor);
      const seconds = Number(str(args, 'interval') ?? '15');
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
        bad('invalid_number', 'interval', '--interval: số giây từ 1 đến 3600.');
      let stop = false;
      const onSignal = () => {
        stop = true;
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const totals = { passes: 0, received: 0, refused: 0, statusesSent: 0 };
      while (!stop) {
        const r = await exchangeOnce(s.interchange, transport, ctx.actor);
        totals.passes++;
        totals.received += r.received.length;
        totals.refused += r.refused.length;
        totals.statusesSent += r.statusesSent;
        // One line per pass that did something, for the log of whoever runs it as a service.
        if (r.received.length || r.refused.length || r.statusesSent || r.retried.length) process.stderr.write(`${JSON.stringify(r)}\n`);
        for (let waited = 0; waited < seconds * 1000 && !stop; waited += 250) await new Promise((res) => setTimeout(res, 250));
      }
      return totals;
    },
  },
};

function positiveId(raw: string | undefined): number {
  return raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : bad('invalid_id', 'id', 'Mã (ID) phải là số nguyên dương.');
}
