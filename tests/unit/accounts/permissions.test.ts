/**
 * The permission table itself: every contract method and every CLI command has its rule
 * (a command without one is refused as unknown, so a new command must be given one here),
 * and the rule reads as the matrix does.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands.js';
import { METHOD_NAMES } from '../../../src/shared/contract.js';
import { authorize, COMMAND_ACCESS, commandAccess, METHOD_ACCESS, mayCall } from '../../../src/shared/permissions.js';

describe('the permission table', () => {
  it('has a rule for every contract method and every CLI command, and none for what does not exist', () => {
    expect(METHOD_NAMES.filter((m) => !METHOD_ACCESS[m])).toEqual([]);
    expect(Object.keys(METHOD_ACCESS).filter((m) => !(METHOD_NAMES as readonly string[]).includes(m))).toEqual([]);
    expect(Object.keys(COMMANDS).filter((c) => !commandAccess(c))).toEqual([]);
    expect(Object.keys(COMMAND_ACCESS).filter((c) => !COMMANDS[c])).toEqual([]);
  });

  it('reads as the matrix: the clerk registers, the leader directs, an administrator is not a reader', () => {
    expect(mayCall('incoming.add', ['clerk'])).toBe(true);
    expect(mayCall('incoming.add', ['leader'])).toBe(false);
    expect(mayCall('incoming.assign', ['leader'])).toBe(true);
    expect(mayCall('incoming.assign', ['clerk'])).toBe(false);
    expect(mayCall('incoming.get', ['admin'])).toBe(false);
    expect(mayCall('account.add', ['admin'])).toBe(true);
    expect(mayCall('account.add', ['clerk', 'leader', 'specialist', 'archivist'])).toBe(false);
    expect(mayCall('outgoing.sign', ['clerk'], { as: 'official' })).toBe(false);
    expect(mayCall('outgoing.sign', ['leader'], { as: 'official' })).toBe(true);
    expect(mayCall('outgoing.sign', ['clerk'], { as: 'organization' })).toBe(true);
    expect(authorize(METHOD_ACCESS['incoming.add'], { roles: ['archivist'], locked: false, mustChangePassword: false })).toEqual({
      code: 'forbidden',
      needed: ['clerk'],
    });
    expect(authorize(METHOD_ACCESS['incoming.get'], null)).toEqual({ code: 'unauthenticated' });
    expect(authorize(METHOD_ACCESS['incoming.get'], { roles: ['clerk'], locked: true, mustChangePassword: false })).toEqual({
      code: 'session_locked',
    });
    expect(authorize(METHOD_ACCESS['auth.unlock'], { roles: ['clerk'], locked: true, mustChangePassword: false })).toBeNull();
  });
});
