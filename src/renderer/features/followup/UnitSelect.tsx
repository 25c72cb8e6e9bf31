/** The unit filter: "Tất cả đơn vị" then every unit as "code — name". */
import type { Unit } from '../../../shared/domain/workflow';

interface Props {
  units: Unit[];
  value: string;
  onChange(code: string): void;
  id?: string;
  'aria-label'?: string;
}

export function UnitSelect({ units, value, onChange, id, 'aria-label': ariaLabel }: Props) {
  return (
    <select id={id} aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Tất cả đơn vị</option>
      {units.map((u) => (
        <option key={u.code} value={u.code}>
          {u.code} — {u.name}
        </option>
      ))}
    </select>
  );
}
