/**
 * Liberation Serif for signature appearances and the clerk's fill, embedded as subsets.
 * Same files as src/main/pdf/fonts.ts, but the parsed fontkit font is kept for the whole
 * process: parsing the glyph tables costs ~8 ms per style, which would be most of the
 * organisation signature's 60 ms budget. A subset is still made per document.
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
    return font;
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
