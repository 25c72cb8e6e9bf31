/**
 * From an outgoing record and the organisation's details to the Decree-30 layout input.
 * The place name ("Quảng Ngãi, ngày …") comes from `org_place`, else from the body's name.
 */
import type { OutgoingRecord } from '../../shared/domain/outgoing.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { OutgoingLayoutInput, OutgoingLayoutResult } from '../pdf/outgoingDocument.js';
import type { Repositories } from '../store/ports.js';
import { symbolNotation } from './symbol.js';

export interface OrgDetails {
  orgName: string;
  orgCode: string;
  parentOrgName: string | null;
  place: string;
}

/** "Ủy ban nhân dân tỉnh Quảng Ngãi" → "Quảng Ngãi". */
export function placeFromOrgName(name: string): string | null {
  const m = /(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+(.+)$/iu.exec(name.normalize('NFC').trim());
  return m ? m[1]!.trim() : null;
}

export async function orgDetails(repos: Repositories): Promise<OrgDetails> {
  const [orgName, orgCode, parent, place] = await Promise.all([
    repos.meta.get('org_name'),
    repos.meta.get('org_code'),
    repos.meta.get('parent_org_name'),
    repos.meta.get('org_place'),
  ]);
  if (!orgName || !orgCode) {
    throw new AppFailure({
      code: 'org_missing',
      field: 'orgName',
      message: 'Chưa khai báo tên và chữ viết tắt của cơ quan (init --org-name … --org-code …).',
    });
  }
  const where = place ?? placeFromOrgName(orgName);
  if (!where)
    throw new AppFailure({
      ...makeError('required', { field: 'place' }),
      code: 'org_place_missing',
      message: 'Chưa khai báo địa danh ghi trên văn bản (init --place …).',
    });
  return { orgName, orgCode, parentOrgName: parent, place: where };
}

export function layoutInput(
  d: OutgoingRecord,
  org: OrgDetails,
  draftYear: number,
  opts: { watermark: boolean; numbered: boolean },
): OutgoingLayoutInput {
  return {
    parentOrgName: org.parentOrgName,
    orgName: org.orgName,
    place: org.place,
    typeName: d.typeName,
    symbol: opts.numbered ? d.symbol : null,
    symbolNotation: symbolNotation(d.typeName, org.orgCode, d.draftingUnit),
    issuedDate: opts.numbered ? d.issuedDate : null,
    draftYear,
    subject: d.subject,
    kinhGui: d.kinhGui,
    body: d.body,
    signerAuthority: d.signerAuthority,
    signerPosition: d.signerPosition,
    signerName: d.signerName,
    recipients: d.recipients,
    draftingUnit: d.draftingUnit,
    copies: d.copies,
    urgency: d.urgency,
    secrecy: d.secrecy,
    watermarkDraft: opts.watermark,
  };
}

export async function renderOutgoing(
  d: OutgoingRecord,
  org: OrgDetails,
  draftYear: number,
  opts: { watermark: boolean; numbered: boolean },
): Promise<OutgoingLayoutResult> {
  // pdf-lib and the fonts are loaded when a document is rendered, not when the services start.
  const { renderOutgoingDocument } = await import('../pdf/outgoingDocument.js');
  return renderOutgoingDocument(layoutInput(d, org, draftYear, opts));
}
