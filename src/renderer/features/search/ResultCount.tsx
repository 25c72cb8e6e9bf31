/**
 * How many documents the current search finds. A page counts up to 10,000 hits: above that
 * it reads "hơn 10.000 kết quả" until the exact count (search.count) arrives.
 */
import { formatCount } from '../../lib/format';
import { hasActiveFilters, useRegisterList } from '../../stores/registerListStore';

export function ResultCount() {
  const total = useRegisterList((s) => s.total);
  const totalCapped = useRegisterList((s) => s.totalCapped);
  const filtered = useRegisterList((s) => hasActiveFilters(s.filters));
  if (!filtered || total === null) return null;
  return (
    <span className="result-count" data-testid="result-count" data-capped={totalCapped ? 'true' : 'false'} aria-live="polite">
      {totalCapped ? `hơn ${formatCount(total)} kết quả` : `${formatCount(total)} kết quả`}
    </span>
  );
}
