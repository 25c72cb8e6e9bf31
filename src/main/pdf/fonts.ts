/**
 * The fonts every VănThư PDF uses: Liberation Serif (Times-metric, full Vietnamese
 * coverage, SIL OFL) shipped in `assets/fonts`. The PDF standard-14 Times has no
 * Vietnamese glyphs, so fonts are always embedded; subsetting keeps a 1,000-page
 * register at a few hundred kilobytes of font data instead of 1.5 MB per document.
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export const FONT_FILES = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
} as const;

/** PostScript names, for the subset font names written into the PDF. */
const POSTSCRIPT_NAMES = {
  regular: 'LiberationSerif',
  bold: 'LiberationSerif-Bold',
  italic: 'LiberationSerif-Italic',
  boldItalic: 'LiberationSerif-BoldItalic',
} as const;

export type FontStyle = keyof typeof FONT_FILES;
export type SerifFonts<S extends FontStyle = FontStyle> = Record<S, PDFFont>;
type FontBytes = Record<FontStyle, Uint8Array>;

const STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

function hasFonts(assetsDir: string): boolean {
  return existsSync(path.join(assetsDir, 'fonts', FONT_FILES.regular));
}

/**
 * The `assets` folder. VANTHU_ASSETS_DIR wins so a packaged app (where the code sits in
 * an archive far from the assets) can point at its resources folder. Otherwise walk up
 * from this module: the same code runs from `src/main/pdf` under tsx/vitest and from a
 * bundle in `out/`, so no fixed relative path fits both.
 */
export function findAssetsDir(env: NodeJS.ProcessEnv = process.env, fromUrl: string = import.meta.url): string {
  const override = env.VANTHU_ASSETS_DIR;
  if (override) {
    const dir = path.resolve(override);
    if (!hasFonts(dir)) {
      throw new Error(`VANTHU_ASSETS_DIR=${dir} không chứa fonts/${FONT_FILES.regular}`);
    }
    return dir;
  }
  const start = path.dirname(fileURLToPath(fromUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets');
    if (hasFonts(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`Không tìm thấy thư mục assets/fonts (tìm từ ${start} lên thư mục gốc)`);
}

// Reading 1.5 MB of fonts for every PDF is wasted I/O; the files never change at runtime.
// The cache is keyed by folder so tests can point VANTHU_ASSETS_DIR elsewhere.
const bytesCache = new Map<string, Promise<FontBytes>>();

export function loadFontBytes(assetsDir: string = findAssetsDir()): Promise<FontBytes> {
  let pending = bytesCache.get(assetsDir);
  if (!pending) {
    pending = readAll(assetsDir);
    // A failed read (e.g. a file missing) must not poison later attempts.
    pending.catch(() => bytesCache.delete(assetsDir));
    bytesCache.set(assetsDir, pending);
  }
  return pending;
}

async function readAll(assetsDir: string): Promise<FontBytes> {
  const read = (style: FontStyle) => readFile(path.join(assetsDir, 'fonts', FONT_FILES[style]));
  const [regular, bold, italic, boldItalic] = await Promise.all(STYLES.map(read));
  return { regular: regular!, bold: bold!, italic: italic!, boldItalic: boldItalic! };
}

/**
 * PDF 32000 §9.6.4: a subset font's name starts with six capital letters and "+", which
 * is how viewers and preflight tools (and `pdffonts`) recognise it as a subset. pdf-lib
 * would otherwise write "LiberationSerif-1234", which reads as a complete font.
 */
function subsetTag(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/**
 * Embeds the requested Liberation Serif styles, each subset to the glyphs the document
 * draws. Ask only for the styles a document uses: pdf-lib writes every embedded font at
 * save time, referenced or not.
 */
export async function embedSerifFonts<S extends FontStyle = FontStyle>(
  doc: PDFDocument,
  styles: readonly S[] = STYLES as readonly S[],
  assetsDir?: string,
): Promise<Record<S, PDFFont>> {
  const bytes = await loadFontBytes(assetsDir);
  doc.registerFontkit(fontkit);
  const embedded = await Promise.all(
    styles.map(async (style) => {
      const customName = `${subsetTag()}+${POSTSCRIPT_NAMES[style]}`;
      return [style, await doc.embedFont(bytes[style], { subset: true, customName })] as const;
    }),
  );
  return Object.fromEntries(embedded) as Record<S, PDFFont>;
}
