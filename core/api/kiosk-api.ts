// KioskApi: the one typed API the UI calls. Implemented in core (create-kiosk-api.ts), carried by
// Electron IPC or by HTTP, and seen by the renderer as `window.kiosk`. Every method takes one
// input object (validated against kiosk-api-contract.ts) and resolves to a Result value; it
// never rejects.
import type { Result } from '../result';
import type { CitizenServiceState } from './citizen-service-state';
import type { IssueRequest, KioskInput, KioskMethod, PrintRequest, ReissueRequest } from './kiosk-api-contract';
import type { ComponentState } from '../component-state';
import type { ValidatedId } from '../id/genesenen-id';
import type { PrintFormat, PrinterState, PrintOutcome } from '../print/print-types';
import type { CertificateAcceptance } from '../rules/certificate-acceptance';
import type { QrSymbol } from '../dcc/qr';

// Defined beside the modules that produce them (lower core modules never import this file,
// docs/architecture.md); re-exported so the API's callers find every type here.
export type { CertificateAcceptance, ComponentState, PrintFormat, PrinterState, PrintOutcome, QrSymbol, ValidatedId };

export interface KioskInfo {
  readonly version: string;
  /** Signing with the demo keys: certificates are marked DEMO and no verifier trusts them. */
  readonly demoSigner: boolean;
  /** The records come from the built-in simulator: the people are invented. */
  readonly simulatedRecords: boolean;
  /** Language codes the UI offers, first = default. */
  readonly languages: readonly string[];
  /** Print formats for which a printer is configured (empty: no print button). */
  readonly printFormats: readonly PrintFormat[];
  /** Seconds of inactivity before the warning, and the warning's countdown. */
  readonly idleTimeoutSeconds: number;
  readonly idleWarningSeconds: number;
  /** Inactivity before the warning while the certificate is on screen (≤ idleTimeoutSeconds). */
  readonly resultIdleTimeoutSeconds: number;
  /** Example of the Genesenen-ID format for the hint on screen (never a real ID). */
  readonly idExample: string;
  /** Issuer name shown on the result screen. */
  readonly issuer: string;
}

/** What the result screen shows. Held in main-process memory until endSession. */
export interface IssuedCertificate {
  /** Opaque handle for print(); random, unrelated to the UVCI or the person. */
  readonly certificateId: string;
  readonly hc1: string;
  /** The QR code's modules (alphanumeric mode, ECC Q, 4-module quiet zone) for an inline SVG. */
  readonly qr: QrSymbol;
  readonly uvci: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly familyNameTransliterated: string;
  readonly givenNameTransliterated: string;
  readonly dateOfBirth: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly issuer: string;
  readonly demo: boolean;
  /** True when this is a clerk-authorised reissue. */
  readonly reissue: boolean;
  readonly acceptance: CertificateAcceptance;
}

export interface SessionState {
  /** Certificates held in memory for printing (0 after endSession). */
  readonly heldCertificates: number;
  readonly clerkUnlocked: boolean;
}

export interface ServiceStatus {
  readonly recordSource: { readonly kind: string; readonly state: ComponentState; readonly code?: string };
  readonly signer: {
    readonly state: ComponentState;
    readonly kid?: string;
    readonly subject?: string;
    readonly notAfter?: string;
    readonly demo: boolean;
    readonly code?: string;
    /** demo, pem, pkcs11 or remote (docs/configuration.md, "signer"). */
    readonly kind?: string;
    /** Why the signer is down, in operator words, never secret (e.g. "PIN file: group or others may read it"). */
    readonly reason?: string;
    /** Whole days until the DSC's notAfter. */
    readonly daysLeft?: number;
    /** A configured rotation (`signer.next`) that has not taken over yet. */
    readonly next?: { readonly from: string; readonly state: ComponentState; readonly code?: string };
  };
  readonly registry: { readonly state: ComponentState; readonly issuedCount?: number; readonly code?: string };
  /** The business rules of the release check (docs/business-rules.md). */
  readonly rules: {
    /** `builtin:de-recovery-2021` or the rule file's path. */
    readonly source: string;
    /** SHA-256 of the file, to compare with the one distributed. */
    readonly sha256: string;
    readonly acceptanceCountry: string;
    /** When the rules selected now came into force (the newest ValidFrom among them), ISO 8601. */
    readonly inForceSince: string;
    /** When this kiosk loaded the file (start-up), ISO 8601. */
    readonly loadedAt: string;
    /** `RR-DE-0002 1.0.3` … : the rules a verifier there applies now. */
    readonly selected: readonly string[];
  };
  readonly printers: readonly PrinterState[];
  /**
   * Present while wrong entries at this kiosk (`attemptLimits.perKiosk`) refuse every citizen:
   * until when (ISO 8601); `delay` when it is a growing delay's short wait rather than a lock for
   * the window. Clerk reissues are not limited (docs/configuration.md, "Attempt limits").
   */
  readonly kioskLock?: { readonly until: string; readonly delay?: true };
  /** Audit log space: AUDIT_SPACE_LOW past 80 % of `audit.maxBytes`, AUDIT_CAP_REACHED at the cap. */
  readonly audit?: { readonly state: ComponentState; readonly code?: string };
}

export interface KioskApi {
  getInfo(input: KioskInput<'getInfo'>): Promise<Result<KioskInfo>>;
  validateId(input: KioskInput<'validateId'>): Promise<Result<ValidatedId>>;
  issue(input: IssueRequest): Promise<Result<IssuedCertificate>>;
  print(input: PrintRequest): Promise<Result<PrintOutcome>>;
  /** Forget everything of the current person: held certificates, clerk unlock. */
  endSession(input: KioskInput<'endSession'>): Promise<Result<null>>;
  sessionState(input: KioskInput<'sessionState'>): Promise<Result<SessionState>>;
  /** Whether issuing and printing work now, for the welcome screen (no PIN, nothing internal). */
  serviceState(input: KioskInput<'serviceState'>): Promise<Result<CitizenServiceState>>;
  /** expiresInSeconds: until the clerk session ends unless used again (clerkTouch extends the idle part). */
  clerkUnlock(input: KioskInput<'clerkUnlock'>): Promise<Result<{ token: string; expiresInSeconds: number }>>;
  clerkStatus(input: KioskInput<'clerkStatus'>): Promise<Result<ServiceStatus>>;
  /** The clerk is typing: keeps the session from its idle lock (the UI calls it rate-limited). */
  clerkTouch(input: KioskInput<'clerkTouch'>): Promise<Result<{ expiresInSeconds: number }>>;
  clerkReissue(input: ReissueRequest): Promise<Result<IssuedCertificate>>;
  /** Ends the kiosk-wide attempt limit now (docs/configuration.md, "Attempt limits"); audited
   *  with the clerk's id. Per-ID limits stay: they protect one person's data, not the device. */
  clerkLiftKioskLock(input: KioskInput<'clerkLiftKioskLock'>): Promise<Result<null>>;
  clerkLock(input: KioskInput<'clerkLock'>): Promise<Result<null>>;
}

/** Compile-time check that the interface and the contract name the same methods. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractMatchesApi: Same<keyof KioskApi, KioskMethod> = true;

export type KioskResult<M extends KioskMethod> = Awaited<ReturnType<KioskApi[M]>>;

/**
 * What the renderer sees as `window.kiosk`: KioskApi's methods, one function each, whichever carrier
 * brings them (the preload over IPC, renderer/kiosk-bridge.ts over HTTP).
 */
export type KioskBridge = { readonly [M in KioskMethod]: KioskApi[M] };
