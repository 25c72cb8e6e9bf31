/**
 * Every command in the CLI's command table is run by some test, through the real command
 * line: a command nobody runs is a command nobody knows works. Read from the test sources:
 * `cli(db, ['outgoing', 'number', …])`, `vanthu([…])`, `refused([…])` and batch lines
 * (`{ cmd: 'incoming add', … }`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands.js';

const UNIT_TESTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const THIS_FILE = fileURLToPath(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return e.name.endsWith('.ts') && file !== THIS_FILE ? [readFileSync(file, 'utf8')] : [];
  });
}

/** The command a word list runs: the longest name in the table it starts with (as the CLI does). */
function commandOf(words: string[]): string | null {
  for (let n = Math.min(2, words.length); n >= 1; n--) {
    const name = words.slice(0, n).join(' ');
    if (COMMANDS[name]) return name;
  }
  return null;
}

function commandsRunByTests(): Set<string> {
  const run = new Set<string>();
  for (const text of sources(UNIT_TESTS)) {
    // cli(db, ['a', 'b', …]) / cliAsync(…) / vanthu(['a', 'b', …]) / vanthu(db, ['a', …])
    for (const m of text.matchAll(/\b(?:cli|cliAsync|vanthu|refused)\(\s*(?:[\w.]+\s*,\s*)?\[\s*'([^']+)'(?:\s*,\s*'([^']+)')?/g)) {
      const name = commandOf([m[1]!, ...(m[2] ? [m[2]] : [])]);
      if (name) run.add(name);
    }
    for (const m of text.matchAll(/\bcmd:\s*'([^']+)'/g)) {
      const name = commandOf(m[1]!.split(' '));
      if (name) run.add(name);
    }
  }
  return run;
}

describe('CLI command coverage', () => {
  it('every command of the table is run by a test', () => {
    const run = commandsRunByTests();
    const never = Object.keys(COMMANDS).filter((c) => !run.has(c));
    expect(never, 'commands no test runs').toEqual([]);
    expect(run.size).toBe(Object.keys(COMMANDS).length);
  });
});
