/**
 * Liberation Serif for signature appearances and the clerk's fill, embedded as subsets.
 * Same files as src/main/pdf/fonts.ts, but the parsed fontkit tables are kept for the
 * whole process: parsing them costs ~8 ms per style, which would be a large part of the
 * organisation signature's budget. A subset is still made per document.
 *
 * Each document gets a view of the shared font with its own glyph cache. Sharing the
 * glyph cache is wrong: the subsetter creates component glyphs (the "U" inside "Ủ")
 * without their code points, and a later document drawing "U" would get that glyph and
 * an empty ToUnicode entry — the text renders but no longer copies or searches.
 */
import { randomInt } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { loadFontBytes, type FontStyle } from '../pdf/fonts.js';

const POSTSCRIPT_NAMES: Record<FontStyle, string> = {
  regular: 'LiberationSerif',
  bold: 'LiberationSerif-Bold',
  italic: 'LiberationSerif-Italic',
  boldItalic: 'LiberationSerif-BoldItalic',
};

type FontkitFont = ReturnType<typeof fontkit.create>;
const parsed = new WeakMap<Uint8Array, FontkitFont>();

const cachingFontkit = {
  create(data: Uint8Array, postscriptName?: string): FontkitFont {
    let font = parsed.get(data);
    if (!font) {
      font = fontkit.create(data, postscriptName);
      parsed.set(data, font);
    }
    // Tables (and their parse caches) are inherited; glyphs and the layout engine are not.
    return Object.create(font, { _glyphs: { value: {}, writable: true } }) as FontkitFont;
  },
} as unknown as Parameters<PDFDocument['registerFontkit']>[0];

/** ISO 32000-1 §9.6.4 subset tag: six capital letters. */
const subsetTag = (): string => Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');

export async function embedSignatureFonts(
  doc: PDFDocument,
  styles: readonly FontStyle[],
  assetsDir?: string,
): Promise<Partial<Record<FontStyle, PDFFont>>> {
  if (styles.length === 0) return {};
  const bytes = await loadFontBytes(assetsDir);
  doc.registerFontkit(cachingFontkit);
  const out: Partial<Record<FontStyle, PDFFont>> = {};
  for (const style of styles) {
    out[style] = await doc.embedFont(bytes[style], { subset: true, customName: `${subsetTag()}+${POSTSCRIPT_NAMES[style]}` });
  }
  return out;
}

/**
 * Parses the fonts once, so the first signature of the session costs what the others do
 * (call at startup, off the critical path).
 */
export async function warmUpFonts(styles: readonly FontStyle[] = ['regular', 'italic'], assetsDir?: string): Promise<void> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const fonts = await embedSignatureFonts(doc, styles, assetsDir);
  for (const f of Object.values(fonts)) f?.encodeText('Ủy ban nhân dân tỉnh Quảng Ngãi 0123456789-:+T');
  await doc.flush();
}
