/** Small helpers of the follow-up screens: percentages, day differences, period defaults. */
import { parseVnDate, vnNow } from '../../lib/dates';
import { useApp } from '../../stores/appStore';

const PCT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 0.957 → "95,7%"; null → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${PCT.format(Math.round(rate * 1000) / 10)}%`;
}

const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** The server's today (app.info), else this computer's date in Vietnam time. */
export function today(): string {
  return useApp.getState().info?.today ?? vnNow().date;
}

/** Typed date → ISO, or null when empty/unreadable (the caller says which). */
export function isoOrNull(text: string): string | null {
  const p = parseVnDate(text);
  return p ? p : null;
}

export const ROLE_LABELS = { lead: 'Chủ trì', support: 'Phối hợp' } as const;
