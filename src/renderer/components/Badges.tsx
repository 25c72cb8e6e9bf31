/** Coloured marks for urgency, secrecy and status, as on the paper stamps (red for urgency, dark red for secrecy). */
import {
  INCOMING_STATUS_LABELS,
  SECRECY_LABELS,
  URGENCY_LABELS,
  type IncomingStatus,
  type Secrecy,
  type Urgency,
} from '../../shared/domain/enums';

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') return null;
  return <span className={`badge badge-urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>;
}

export function SecrecyBadge({ secrecy }: { secrecy: Secrecy }) {
  if (secrecy === 'normal') return null;
  return <span className={`badge badge-secrecy badge-secrecy-${secrecy}`}>{SECRECY_LABELS[secrecy]}</span>;
}

export function StatusBadge({ status }: { status: IncomingStatus }) {
  if (status !== 'voided') return null;
  return <span className="badge badge-voided">{INCOMING_STATUS_LABELS[status]}</span>;
}
