/**
 * Decree 30 (App. I, box 3) number and symbol: `05/QĐ-UBND` — the number padded below 10,
 * the type's abbreviation, the issuing body's; a công văn has no type abbreviation and
 * uses the body's code plus the drafting unit's: `12/UBND-VX`.
 */
import { DOCUMENT_TYPES } from '../../shared/domain/documentTypes.js';

export function symbolNotation(typeName: string, orgCode: string, draftingUnit: string): string {
  const abbr = DOCUMENT_TYPES.find((t) => t.name === typeName)?.abbr ?? null;
  return abbr ? `${abbr}-${orgCode}` : `${orgCode}-${draftingUnit}`;
}

export function formatSymbol(codeNumber: number, notation: string): string {
  return `${String(codeNumber).padStart(2, '0')}/${notation}`;
}
