// Public surface of the certificate engine (docs/dcc-notes.md §0 pipeline). Other parts of the kiosk import
// from here; the module files below are the implementation, one pipeline step each.
export type * from './types';
export { transliterateIcao, MAX_TRANSLITERATED_LENGTH } from './transliterate';
export { uvciCheckCharacter, isUvciChecksumValid, isWellFormedUvci, newUvci, UVCI_MAX_LENGTH } from './uvci';
export {
  validateDccPayload,
  validateRecoveryPayload,
  validateAgainstSchema,
  certificateType,
  type SchemaVersion,
} from './schema-validate';
export { isValidDob, isValidFullDate } from './dates';
export { buildRecoveryPayload, DCC_SCHEMA_VERSION, DISEASE_COVID19 } from './payload';
export { recoveryView, type RecoveryView } from './recovery-view';
export { encodeCwtClaims, parseCwtClaims, type CwtClaims } from './cwt';
export { signCoseSign1, parseCoseSign1, sigStructure, type CoseSign1 } from './cose';
export { base45Encode, base45Decode } from './base45';
export { toHc1, fromHc1, compress, inflate, unprefix, HC1_PREFIX, MAX_HC1_LENGTH } from './transport';
export { qrMatrix, qrSvg, qrPng, QR_QUIET_ZONE, type QrMatrix } from './qr';
export {
  parseDsc,
  kidOf,
  certificateDer,
  derToPem,
  keyUsageAllows,
  isDscValidAt,
  DCC_EKU_OIDS,
  type DscInfo,
  type DccType,
} from './x509';
export { createNodeSigner, type SignerKeyMaterial } from './signer/node-signer';
export { createNobleSigner } from './signer/noble-signer';
export {
  encodeRecoveryCertificate,
  issueRecoveryCertificate,
  signDccPayload,
  type SignedDcc,
} from './issue-certificate';
export { decodeHc1, decodeCose, type DecodedHc1, type Hc1DecodeErrorCode } from './decode';
export { verifyCoseSignature, verifyCoseBytes } from './cose-verify';
export {
  verifyHc1,
  verifyDecoded,
  findSigningDsc,
  checkExpiration,
  type VerificationReport,
  type VerifyErrorCode,
  type TrustList,
} from './verify';
export { generateDemoTrustChain, loadOrCreateDemoTrust, type DemoTrust, type DemoTrustChain } from './demo-trust';
