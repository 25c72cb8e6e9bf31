/** The outgoing document's step as a coloured mark: grey draft … green issued. */
import { OUTGOING_STATUS_LABELS, type OutgoingStatus } from '../../../shared/domain/outgoing';

export function OutgoingStatusBadge({ status }: { status: OutgoingStatus }) {
  return (
    <span className={`ostatus ostatus-${status}`} data-status={status}>
      {OUTGOING_STATUS_LABELS[status]}
    </span>
  );
}
