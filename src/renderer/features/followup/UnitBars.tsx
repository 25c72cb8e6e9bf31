/**
 * Per-unit bars, plain SVG: each unit's assigned documents split into done on time (green),
 * done late (amber), overdue (red) and still in progress (blue), with the on-time rate.
 */
import type { UnitFigures } from '../../../shared/domain/workflow';
import { formatRate } from './util';

const SEGMENTS = [
  { key: 'onTime', label: 'Hoàn thành đúng hạn', color: '#2e8b57' },
  { key: 'late', label: 'Hoàn thành quá hạn', color: '#d08a1a' },
  { key: 'overdue', label: 'Quá hạn', color: '#c0392b' },
  { key: 'inProgress', label: 'Đang xử lý (trong hạn)', color: '#3f74b8' },
] as const;

const W = 720;
const LABEL_W = 190;
const VALUE_W = 110;
const BAR_H = 18;
const GAP = 10;
const TOP = 4;

export function UnitBars({ units }: { units: UnitFigures[] }) {
  const rows = units.filter((u) => u.assigned > 0);
  if (rows.length === 0) return <p className="muted">Chưa có văn bản nào được giao trong kỳ.</p>;
  const max = Math.max(1, ...rows.map((u) => u.assigned));
  const barW = W - LABEL_W - VALUE_W;
  const height = TOP + rows.length * (BAR_H + GAP);
  const summary = rows
    .map(
      (u) =>
        `${u.name}: giao ${u.assigned}, hoàn thành ${u.completed} (đúng hạn ${u.completedOnTime}), quá hạn ${u.overdue}, đang xử lý ${u.inProgress}`,
    )
    .join('; ');
  return (
    <figure className="unit-bars">
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={`Biểu đồ theo đơn vị. ${summary}`} data-testid="unit-chart">
        {rows.map((u, i) => {
          const y = TOP + i * (BAR_H + GAP);
          const parts = { onTime: u.completedOnTime, late: u.completed - u.completedOnTime, overdue: u.overdue, inProgress: u.inProgress };
          let x = LABEL_W;
          return (
            <g key={u.unit} data-unit={u.unit}>
              <title>{`${u.name}: giao ${u.assigned}; đúng hạn ${parts.onTime}; hoàn thành quá hạn ${parts.late}; quá hạn ${parts.overdue}; đang xử lý ${parts.inProgress}`}</title>
              <text x={LABEL_W - 8} y={y + BAR_H / 2 + 4} textAnchor="end" className="bar-label">
                {u.name.length > 26 ? `${u.name.slice(0, 25)}…` : u.name}
              </text>
              <rect x={LABEL_W} y={y} width={barW} height={BAR_H} fill="#eef1f5" rx="2" />
              {SEGMENTS.map((s) => {
                const n = parts[s.key];
                if (n <= 0) return null;
                const w = (n / max) * barW;
                const r = <rect key={s.key} x={x} y={y} width={w} height={BAR_H} fill={s.color} />;
                x += w;
                return r;
              })}
              <text x={LABEL_W + (u.assigned / max) * barW + 6} y={y + BAR_H / 2 + 4} className="bar-value">
                {u.assigned}
              </text>
              <text x={W - 4} y={y + BAR_H / 2 + 4} textAnchor="end" className="bar-rate">
                {formatRate(u.onTimeRate)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SEGMENTS.map((s) => (
          <span key={s.key} className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" rx="2" fill={s.color} />
            </svg>
            {s.label}
          </span>
        ))}
        <span className="legend-item muted">Số bên phải: tỷ lệ đúng hạn</span>
      </figcaption>
    </figure>
  );
}
