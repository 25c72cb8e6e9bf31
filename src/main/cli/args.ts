/**
 * Command-line arguments → a plain object of named arguments, the same shape a `batch`
 * line carries in `args`, so both paths reach the same handlers.
 */
import { parseArgs } from 'node:util';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export interface CommandArgs {
  [name: string]: unknown;
  /** Positional arguments after the command words. */
  _: string[];
}

export const GLOBAL_OPTIONS: OptionSpec = {
  db: { type: 'string' },
  database: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  /** Who runs the command; the password is read from the variable --password-env names. */
  user: { type: 'string' },
  'password-env': { type: 'string' },
};

export function parseCommandLine(argv: string[], spec: OptionSpec): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...spec },
      allowPositionals: true,
      strict: true,
    });
    return { ...(values as Record<string, unknown>), _: positionals };
  } catch (e) {
    throw new AppFailure({ ...makeError('invalid_input'), code: 'invalid_argument', message: (e as Error).message });
  }
}

/** kebab-case flag names → camelCase argument names (`--data-file` → dataFile). */
export function camelArgs(args: CommandArgs): CommandArgs {
  const out: CommandArgs = { _: args._ };
  for (const [k, v] of Object.entries(args)) if (k !== '_') out[k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}
