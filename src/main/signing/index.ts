/**
 * The signing core for outgoing documents: PAdES B-B signatures as incremental updates
 * (official first, organisation second), signers (PKCS#12 file, PKCS#11 token) and a
 * verifier for any signed PDF. No database, no Electron. Errors are AppFailure with the
 * codes of `SigningErrorCode`.
 */
export type { Signer } from './signer.js';
export { assertCertificateUsableAt } from './signer.js';
export { Pkcs12Signer, type Pkcs12OpenOptions } from './pkcs12Signer.js';
export { Pkcs11Signer, type Pkcs11Options } from './pkcs11Signer.js';
export { signPdf, warmUpSigning, type SignPdfOptions, type TextOverlay } from './signPdf.js';
export {
  verifyPdf,
  nameKey,
  type VerifyOptions,
  type VerifyReport,
  type SignatureReport,
  type SignatureProblem,
  type SignatureStatus,
  type SignerCertificateInfo,
  type Verdict,
  type VerifyWarning,
} from './verifyPdf.js';
export {
  attachmentAppearance,
  fitImage,
  formatSigningTime,
  officialAppearance,
  organisationAppearance,
  pdfDate,
  sealBox,
  signatureAreaBetween,
  unionRect,
  BLACK,
  BLUE,
  type AppearanceItem,
  type AttachmentAppearanceOptions,
  type FieldAppearance,
  type ImageItem,
  type OrganisationAppearanceOptions,
  type Rect,
  type Rgb,
  type SignatureFieldSpec,
  type TextItem,
} from './appearance.js';
export type { SigningErrorCode } from './errors.js';
export type { CertificateInput, ChainStatus } from './x509.js';
// The benchmark (bench/signing.ts), the test PKI, the sample document and the demo
// (tests/support/signing/) live outside src/: the app does not ship them.
