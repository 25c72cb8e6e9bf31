/** Numbers and sizes the Vietnamese way: 300.000; 1,5 MB. */
const INT = new Intl.NumberFormat('vi-VN');
const ONE_DECIMAL = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return INT.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${INT.format(n)} B`;
  if (n < 1024 * 1024) return `${ONE_DECIMAL.format(n / 1024)} KB`;
  return `${ONE_DECIMAL.format(n / 1024 / 1024)} MB`;
}
