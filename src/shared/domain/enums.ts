/** Enumerations of Decree 30 metadata with the Vietnamese labels users see. */

export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'flash'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'Thường',
  urgent: 'Khẩn',
  very_urgent: 'Thượng khẩn',
  flash: 'Hỏa tốc',
};

export const SECRECIES = ['normal', 'confidential', 'secret', 'top_secret'] as const;
export type Secrecy = (typeof SECRECIES)[number];
export const SECRECY_LABELS: Record<Secrecy, string> = {
  normal: 'Thường',
  confidential: 'Mật',
  secret: 'Tối mật',
  top_secret: 'Tuyệt mật',
};

export const CHANNELS = ['paper', 'electronic'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = { paper: 'Giấy', electronic: 'Điện tử' };

export const INCOMING_STATUSES = ['registered', 'voided'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
export const INCOMING_STATUS_LABELS: Record<IncomingStatus, string> = {
  registered: 'Đã vào sổ',
  voided: 'Đã hủy',
};

/** Accepts the code or the Vietnamese label (any case/diacritics style) as typed in imports. */
export function enumFromLabel<T extends string>(value: string, labels: Record<T, string>): T | null {
  if (Object.prototype.hasOwnProperty.call(labels, value)) return value as T; // the code itself, as stored
  const v = value.normalize('NFC').trim().toLocaleLowerCase('vi');
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (code === v || label.toLocaleLowerCase('vi') === v) return code;
  }
  return null;
}
