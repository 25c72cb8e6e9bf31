/** A plausible Quyết định draft shared by the outgoing tests. */
export const DRAFT = {
  typeName: 'Quyết định',
  subject: 'Về việc thành lập Tổ công tác chuyển đổi số',
  body: ['Căn cứ Luật Tổ chức chính quyền địa phương;', 'Điều 1. Thành lập Tổ công tác.'],
  recipients: ['Như Điều 1', 'CT, các PCT UBND tỉnh'],
  signerAuthority: 'KT. CHỦ TỊCH',
  signerPosition: 'Phó Chủ tịch',
  signerName: 'Nguyễn Văn An',
  draftingUnit: 'KGVX',
};
