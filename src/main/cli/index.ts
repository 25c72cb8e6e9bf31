#!/usr/bin/env node
/**
 * `vanthu` — the command-line face of the domain core. Exit 0 on success, 2 when the
 * input was refused (nothing written), 1 when something else failed.
 *
 * Startup time matters (scripts call the CLI in loops): this module loads only what every
 * command needs. The command table and the services are imported when a command runs, and
 * heavy libraries (PDF, signing, spreadsheets, CSV) only by the code paths that use them —
 * `vanthu --help` opens nothing, `search` and `incoming add` load no PDF or signing library
 * (tests/unit/cliStartup.test.ts checks which packages each command loads).
 */
import readline from 'node:readline';
import { makeError } from '../../shared/errors.js';
import { AppFailure, isAppFailure, type AppError } from '../../shared/result.js';
import { resolveDbPath } from '../paths.js';
import type { Services } from '../services.js';
import { camelArgs, parseCommandLine, type CommandArgs } from './args.js';
import type { CommandContext } from './commands.js';
import { exitCodeFor, printError, printResult } from './output.js';
import { usage } from './usage.js';

function toAppError(e: unknown): { error: AppError; all?: AppError[] } {
  if (isAppFailure(e)) return { error: e.error, all: e.all };
  const err = e as { code?: string; message?: string };
  if (err?.code === 'SQLITE_BUSY') return { error: makeError('busy') };
  if (err?.code === 'SQLITE_CANTOPEN') return { error: { code: 'cannot_open', message: `Không mở được cơ sở dữ liệu: ${err.message}` } };
  return { error: makeError('internal', { params: { value: err?.message ?? String(e) } }) };
}

function makeContext(dbFlag: string | undefined, progress: (m: string) => void, login: CommandArgs = { _: [] }, core = false) {
  let services: Promise<Services> | null = null;
  const dbPath = resolveDbPath(dbFlag);
  /**
   * On an office database named without a user, `--user` connects as that person's own login
   * role with their password (the database enforces their rights); else as the locator says.
   */
  const open = async (): Promise<Services> => {
    const m = await import('../services.js');
    if (typeof login.user === 'string' && /^postgres(ql)?:\/\//i.test(dbPath)) {
      const { connectsAsPerson, personLocator } = await import('../db/postgres/locator.js');
      if (connectsAsPerson(dbPath)) {
        const user = login.user.trim().toLowerCase();
        // Not a user name (perhaps a password typed in the wrong place): never sent, never echoed.
        const { USERNAME_RE } = await import('../../shared/domain/accounts.js');
        if (!USERNAME_RE.test(user)) throw new AppFailure(makeError('invalid_credentials'));
        const { personSecret } = await import('./accountCommands.js');
        ctx.personPassword ??= await personSecret(login);
        return m.createServices({ dbPath: personLocator(dbPath, user), password: ctx.personPassword, core });
      }
    }
    return m.createServices({ dbPath, core });
  };
  const ctx: CommandContext = {
    dbPath,
    // Set by authorizeCommand to the signed-in account; '-' only for the public commands.
    actor: '-',
    principal: null,
    progress,
    services: () => (services ??= open()),
    servicesForInit: () => (services ??= import('../services.js').then((m) => m.createServices({ dbPath, migrate: true }))),
  };
  const close = async () => {
    if (services) await (await services.catch(() => null))?.close();
  };
  return { ctx, close };
}

/**
 * JSON Lines in, JSON Lines out; the database stays open between lines. The account signs
 * in once (--user/--password-env or the login session) and every line is checked against
 * the permission table like a command of its own.
 */
async function runBatch(globals: CommandArgs): Promise<number> {
  const { ctx, close } = makeContext((globals.database ?? globals.db) as string | undefined, () => {}, globals);
  const { COMMANDS } = await import('./commands.js');
  const { identify, authorizeCommand } = await import('./accountCommands.js');
  try {
    const signedIn = await identify(globals, ctx, await ctx.services());
    if (signedIn.mustChangePassword) throw new AppFailure(makeError('password_change_required'));
    ctx.principal = signedIn.principal;
    ctx.actor = signedIn.principal.username;
  } catch (e) {
    await close();
    throw e;
  }
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failures = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    let out: unknown;
    try {
      const req = JSON.parse(line) as { cmd?: unknown; args?: unknown };
      if (typeof req.cmd !== 'string') throw Object.assign(new Error('cmd'), { bad: true });
      const found = COMMANDS[req.cmd.trim()];
      if (!found || req.cmd === 'batch') {
        out = { error: makeError('unknown_command', { params: { value: req.cmd } }) };
      } else {
        const a = req.args && typeof req.args === 'object' && !Array.isArray(req.args) ? (req.args as Record<string, unknown>) : {};
        const positional = Array.isArray(a._) ? (a._ as unknown[]).map(String) : [];
        const args = camelArgs({ ...a, _: positional });
        await authorizeCommand(req.cmd.trim(), args, ctx, found);
        out = await found.run(args, ctx);
      }
    } catch (e) {
      if (e instanceof SyntaxError || (e as { bad?: boolean }).bad) {
        out = { error: { code: 'invalid_json', message: 'Dòng lệnh không phải JSON {"cmd":…,"args":{…}}.' } };
      } else {
        const { error, all } = toAppError(e);
        out = all && all.length > 1 ? { error, errors: all } : { error };
      }
    }
    if (out && typeof out === 'object' && 'error' in out) failures++;
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  await close();
  void failures;
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
    if (words.length === 2) break;
  }
  const json = argv.includes('--json');
  if (words.length === 0 || argv.includes('--help') || words[0] === 'help') {
    process.stdout.write(usage());
    return words.length === 0 && !argv.includes('--help') && words[0] !== 'help' ? 2 : 0;
  }
  if (words[0] === 'batch') {
    try {
      return await runBatch(camelArgs(parseCommandLine(argv.slice(1), {})));
    } catch (e) {
      const { error } = toAppError(e);
      printError(error, json);
      return exitCodeFor(error);
    }
  }
  const { findCommand } = await import('./commands.js');
  const found = findCommand(words);
  if (!found) {
    printError(makeError('unknown_command', { params: { value: words.join(' ') } }), json);
    process.stderr.write(json ? '' : usage());
    return 2;
  }
  let close = async () => {};
  try {
    const rest = argv.slice(found.name.split(' ').length);
    const args = camelArgs(parseCommandLine(rest, found.command.options));
    const made = makeContext(
      (args.database ?? args.db) as string | undefined,
      (m) => process.stderr.write(m + '\n'),
      args,
      found.command.core === true,
    );
    close = made.close;
    const { authorizeCommand } = await import('./accountCommands.js');
    await authorizeCommand(found.name, args, made.ctx, found.command);
    const value = await found.command.run(args, made.ctx);
    printResult(value, json);
    return 0;
  } catch (e) {
    const { error, all } = toAppError(e);
    if (isAppFailure(e) && e.result !== undefined) printResult(e.result, json);
    printError(error, json, all);
    return exitCodeFor(error);
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
    process.exitCode = 1;
  },
);
