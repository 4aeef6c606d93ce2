// The input schema of every method in kiosk-methods.ts (the contract must have exactly those keys:
// `satisfies` below). Both transports
// (Electron IPC in electron/, HTTP in server/) validate every request against exactly these
// schemas before anything reaches KioskApi, so the two can never drift apart. Result types live
// in kiosk-api.ts; the payload types here are inferred from the schemas.
import { z } from 'zod';
import {
  CERTIFICATE_ID_MAX_LENGTH,
  CLERK_ID_MAX_LENGTH,
  CLERK_PIN_MAX_LENGTH,
  CLERK_TOKEN_MAX_LENGTH,
  DATE_OF_BIRTH_MAX_LENGTH,
  FAMILY_NAME_INPUT_MAX_LENGTH,
  GENESENEN_ID_INPUT_MAX_LENGTH,
  LANGUAGE_CODE_MAX_LENGTH,
  REASON_MAX_LENGTH,
} from '../limits';
import type { KioskMethod } from './kiosk-methods';

export { isKioskMethod, KIOSK_METHODS, type KioskMethod } from './kiosk-methods';

const shortText = (max: number) => z.string().max(max);

/** What the citizen (or a clerk for a walk-in) typed. Format is checked later, in core. */
const enteredDetailsSchema = z.strictObject({
  genesenenId: shortText(GENESENEN_ID_INPUT_MAX_LENGTH),
  familyName: shortText(FAMILY_NAME_INPUT_MAX_LENGTH),
  /** YYYY-MM-DD, YYYY-MM or YYYY (partial dates of birth exist). */
  dateOfBirth: shortText(DATE_OF_BIRTH_MAX_LENGTH),
  /** UI language, used for print texts; one of the kiosk's language codes. */
  lang: shortText(LANGUAGE_CODE_MAX_LENGTH),
});

/** The citizen's request; after SHORT_ACCEPTANCE the same details again with their consent. */
export const issueRequestSchema = enteredDetailsSchema
  .extend({
    /** "Issue anyway": the citizen has seen that the certificate is accepted only briefly
     *  (docs/business-rules.md, "The short-time warning"). */
    acceptShortAcceptance: z.boolean().optional(),
  })
  .strict();

export const clerkTokenSchema = z.strictObject({ token: shortText(CLERK_TOKEN_MAX_LENGTH) });

/** A clerk account's id and PIN (docs/configuration.md, "Clerk accounts"). */
export const clerkCredentialsSchema = z.strictObject({
  clerkId: shortText(CLERK_ID_MAX_LENGTH),
  pin: shortText(CLERK_PIN_MAX_LENGTH),
});

export const kioskApiContract = {
  getInfo: z.strictObject({}),
  validateId: z.strictObject({ genesenenId: shortText(GENESENEN_ID_INPUT_MAX_LENGTH) }),
  issue: issueRequestSchema,
  print: z.strictObject({
    certificateId: shortText(CERTIFICATE_ID_MAX_LENGTH),
    format: z.enum(['receipt', 'a4']),
    lang: shortText(LANGUAGE_CODE_MAX_LENGTH),
  }),
  endSession: z.strictObject({}),
  sessionState: z.strictObject({}),
  serviceState: z.strictObject({}),
  clerkUnlock: clerkCredentialsSchema,
  clerkStatus: clerkTokenSchema,
  clerkTouch: clerkTokenSchema,
  // A clerk decides on the spot and sees the short-time warning with the result: no consent flag.
  clerkReissue: enteredDetailsSchema
    .extend({
      token: shortText(CLERK_TOKEN_MAX_LENGTH),
      reason: shortText(REASON_MAX_LENGTH),
      /** A second clerk, needed past `clerk.maxReissuesPerId` reissues of one ID. */
      confirmedBy: clerkCredentialsSchema.optional(),
    })
    .strict(),
  clerkLiftKioskLock: clerkTokenSchema,
  clerkLock: clerkTokenSchema,
} as const satisfies { readonly [M in KioskMethod]: z.ZodType };

export type KioskInput<M extends KioskMethod> = z.infer<(typeof kioskApiContract)[M]>;

export type IssueRequest = z.infer<typeof issueRequestSchema>;
export type ReissueRequest = KioskInput<'clerkReissue'>;
export type PrintRequest = KioskInput<'print'>;
