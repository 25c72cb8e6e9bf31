/**
 * The one gate every contract call passes, in every face (Electron IPC in main, the
 * database worker, the loopback web host): the method must exist, the raw input must pass
 * the checks below, then the method's schema. The checks apply to the whole input tree,
 * so no field can forget them:
 *  - no text with control characters or lone UTF-16 surrogates (the way NUL is refused),
 *    in values and in keys;
 *  - no `__proto__` / `constructor` / `prototype` keys: JSON.parse makes `__proto__` an
 *    own key, which schema parsing would otherwise drop silently (or a careless merge
 *    would follow into the prototype);
 *  - no nesting deeper than any method needs.
 */
import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from './contract.js';
import { FIELD_LABELS, makeError } from './errors.js';
import { fail, type AppError, type Result } from './result.js';
import { hasControlChars } from './text/vietnamese.js';

/** The deepest input of any method is ~4 levels (incoming.assign's support list). */
export const MAX_INPUT_DEPTH = 12;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function labelOf(path: string[]): string {
  const leaf = [...path].reverse().find((p) => !/^\d+$/.test(p));
  return (leaf && FIELD_LABELS[leaf]) ?? (path.join('.') || 'Dữ liệu');
}

function textError(path: string[]): AppError {
  const field = path.join('.');
  return {
    code: 'control_chars',
    ...(field ? { field } : {}),
    message: `${labelOf(path)}: có ký tự điều khiển hoặc ký tự không hợp lệ.`,
  };
}

/** The first problem of the raw input's shape and text, or null. Iterative: no recursion to exhaust. */
export function guardInput(input: unknown): AppError | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: input, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasControlChars(v)) return textError(path);
      continue;
    }
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      return { code: 'invalid_input', field: path.join('.'), message: 'Dữ liệu không hợp lệ: lồng nhau quá sâu.' };
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    // Anything but a plain object (a Date through IPC, say) is left to the schema, which refuses it.
    if (proto !== Object.prototype && proto !== null) continue;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (FORBIDDEN_KEYS.has(k)) {
        const field = [...path, k].join('.');
        return { ...makeError('unknown_field', { field }), message: `Trường «${k}» không được hỗ trợ.` };
      }
      if (hasControlChars(k)) return textError([...path, k]);
      stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return null;
}

/** zod issues → our error shape, naming the first offending field. */
export function inputError(issues: z.core.$ZodIssue[]): AppError {
  const first = issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  return {
    ...makeError('invalid_input'),
    ...(field ? { field } : {}),
    message: `Dữ liệu không hợp lệ${field ? ` (${field})` : ''}: ${first?.message ?? ''}`.trim(),
  };
}

/** Checks method and input; the parsed input on success. Never throws. */
export function parseCall(method: unknown, rawInput: unknown): Result<{ method: MethodName; input: unknown }> {
  if (!isMethodName(method)) {
    // Echo the name only as far as it is printable: it came from the client.
    const shown = (typeof method === 'string' ? method : typeof method).slice(0, 80).replace(/[^\p{L}\p{N}._-]/gu, '?');
    return fail(makeError('unknown_method', { params: { value: shown } }));
  }
  const guarded = guardInput(rawInput);
  if (guarded) return fail(guarded);
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail(inputError(parsed.error.issues));
  return { ok: true, value: { method, input: parsed.data } };
}
