// KioskApi: the one typed API the UI calls. Implemented in core (create-kiosk-api.ts), carried by
// Electron IPC or by HTTP, and seen by the renderer as `window.kiosk`. Every method takes one
// input object (validated against kiosk-api-contract.ts) and resolves to a Result value; it
// never rejects.
import type { Result } from '../result';
import type { IssueRequest, KioskInput, KioskMethod, PrintRequest, ReissueRequest } from './kiosk-api-contract';

export type PrintFormat = 'receipt' | 'a4';

export interface KioskInfo {
  readonly version: string;
  /** True when running on the built-in simulator and the demo signing certificate. */
  readonly demoMode: boolean;
  /** Language codes the UI offers, first = default. */
  readonly languages: readonly string[];
  /** Print formats for which a printer is configured (empty: no print button). */
  readonly printFormats: readonly PrintFormat[];
  /** Seconds of inactivity before the warning, and the warning's countdown. */
  readonly idleTimeoutSeconds: number;
  readonly idleWarningSeconds: number;
  /** Example of the Genesenen-ID format for the hint on screen (never a real ID). */
  readonly idExample: string;
  /** Issuer name shown on the result screen. */
  readonly issuer: string;
}

export interface ValidatedId {
  /** Canonical form without separators, e.g. 0123456789AB. */
  readonly normalized: string;
  /** As printed on the letter, e.g. 0123-4567-89AB. */
  readonly display: string;
}

/** What the result screen shows. Held in main-process memory until endSession. */
export interface IssuedCertificate {
  /** Opaque handle for print(); random, unrelated to the UVCI or the person. */
  readonly certificateId: string;
  readonly hc1: string;
  /** SVG markup of the QR code (alphanumeric mode, ECC Q, 4-module quiet zone). */
  readonly qrSvg: string;
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
}

export interface PrintOutcome {
  readonly format: PrintFormat;
  readonly printer: string;
}

export interface SessionState {
  /** Certificates held in memory for printing (0 after endSession). */
  readonly heldCertificates: number;
  readonly clerkUnlocked: boolean;
}

export type ComponentState = 'ok' | 'degraded' | 'down';

export interface ServiceStatus {
  readonly recordSource: { readonly kind: string; readonly state: ComponentState; readonly code?: string };
  readonly signer: {
    readonly state: ComponentState;
    readonly kid?: string;
    readonly subject?: string;
    readonly notAfter?: string;
    readonly demo: boolean;
    readonly code?: string;
  };
  readonly registry: { readonly state: ComponentState; readonly issuedCount?: number; readonly code?: string };
  readonly printers: readonly {
    readonly name: string;
    readonly format: PrintFormat;
    readonly state: ComponentState;
    readonly code?: string;
  }[];
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
  clerkUnlock(input: KioskInput<'clerkUnlock'>): Promise<Result<{ token: string; expiresInSeconds: number }>>;
  clerkStatus(input: KioskInput<'clerkStatus'>): Promise<Result<ServiceStatus>>;
  clerkReissue(input: ReissueRequest): Promise<Result<IssuedCertificate>>;
  clerkLock(input: KioskInput<'clerkLock'>): Promise<Result<null>>;
}

/** Compile-time check that the interface and the contract name the same methods. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractMatchesApi: Same<keyof KioskApi, KioskMethod> = true;

export type KioskResult<M extends KioskMethod> = Awaited<ReturnType<KioskApi[M]>>;
