/**
 * Whole numbers in Vietnamese words, as forms write amounts ("Viết bằng chữ: Hai mươi mốt hồ
 * sơ"): "mốt" after a tens word from twenty, "lăm" for a final five after ten, "tư" for a
 * final four after twenty, "linh" for a zero tens digit inside hundreds, "nghìn" for 1,000.
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ'];

/** Words for 0–999; `full` writes leading zero hundreds ("không trăm") for inner groups. */
function group(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t >= 2) out.push('mốt');
    else if (u === 5 && t >= 1) out.push('lăm');
    else if (u === 4 && t >= 2) out.push('tư');
    else out.push(DIGITS[u]!);
  }
  return out.join(' ');
}

export function numberToWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  if (n === 0) return 'không';
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1000)) groups.push(x % 1000);
  if (groups.length > GROUPS.length) throw new RangeError(`too large: ${n}`);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const full = i < groups.length - 1;
    words.push(group(g, full), GROUPS[i]!);
  }
  return words.filter(Boolean).join(' ');
}

/** The same with a capital first letter, as the forms begin the line. */
export function numberToWordsCapitalised(n: number): string {
  const w = numberToWords(n);
  return w.charAt(0).toLocaleUpperCase('vi') + w.slice(1);
}

/**
 * An amount in hundredths (a shelf length in centimetres read as metres) as the forms write
 * it: the figure with a decimal comma and no trailing zeros ("1,25", "0,5", "3"), and its
 * words — "một phẩy hai mươi lăm", "không phẩy năm"; a leading zero after the comma is read
 * ("một phẩy không năm" for 1,05).
 */
export function hundredthsInWords(n: number): { figure: string; words: string } {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number of hundredths: ${n}`);
  const whole = Math.floor(n / 100);
  const frac = String(n % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  if (!frac) return { figure: String(whole), words: numberToWords(whole) };
  const fracWords = frac.startsWith('0') ? `không ${numberToWords(Number(frac))}` : numberToWords(Number(frac));
  return { figure: `${whole},${frac}`, words: `${numberToWords(whole)} phẩy ${fracWords}` };
}
