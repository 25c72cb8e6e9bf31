/**
 * The layering rules of eslint.config.js refuse what they are meant to refuse: the Services bag
 * below the composition root, electron outside src/main/app, src/main from the renderer, tests
 * or bench from shipped code — and allow the composition root's own faces. (`npm test` runs the
 * linter over the tree; this checks the rules themselves, on source text that is not in the tree.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The no-restricted-imports messages for `source` as if it were the file `file`. */
async function refusals(file: string, source: string): Promise<string[]> {
  const [r] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const SERVICES = "import type { Services } from '../services.js';\nexport type S = Services;\n";

describe('layering rules', () => {
  it('nothing below the composition root imports services.ts', async () => {
    for (const file of ['src/main/pdf/newThing.ts', 'src/main/workflow/newThing.ts', 'src/main/incoming/newThing.ts']) {
      expect((await refusals(file, SERVICES)).join('\n'), file).toMatch(/composition root/);
    }
    expect(
      await refusals(
        'src/main/incoming/import/newThing.ts',
        "import type { Services } from '../../services.js';\nexport type S = Services;\n",
      ),
    ).toHaveLength(1);
  });

  it('the faces that start the services may import it', async () => {
    for (const file of ['src/main/cli/newThing.ts', 'src/main/web/newThing.ts', 'src/main/api/newThing.ts', 'src/main/app/newThing.ts']) {
      expect(await refusals(file, SERVICES), file).toEqual([]);
    }
  });

  it('keeps electron in src/main/app, src/main out of the renderer, and tests out of src', async () => {
    expect(await refusals('src/main/pdf/newThing.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await refusals('src/main/app/newThing.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await refusals('src/renderer/newThing.ts', "import { x } from '../main/paths.js';\nexport const y = x;\n")).toHaveLength(1);
    expect(
      await refusals('src/main/pdf/newThing.ts', "import { x } from '../../../tests/support/signing/testPki.js';\nexport const y = x;\n"),
    ).toHaveLength(1);
    expect(await refusals('src/shared/newThing.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
  });
});
