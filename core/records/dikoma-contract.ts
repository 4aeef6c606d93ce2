// Wire schemas of the DiKoMa recovery-lookup contract (docs/dikoma-openapi.yaml). Cologne's
// DiKoMa API is not public, so the kiosk defines the contract; the client validates every
// response against these schemas and the simulator produces exactly these shapes. Unknown
// extra fields are tolerated (forward compatibility); missing or mistyped ones are not.
import { z } from 'zod';
import { dateOfBirthSchema, isoDateSchema } from './fixture';

export const DIKOMA_LOOKUP_PATH = '/v1/recovery-lookups';
export const DIKOMA_HEALTH_PATH = '/v1/health';

export const dikomaLookupRequestSchema = z.strictObject({
  genesenenId: z.string().min(1).max(64),
  familyName: z.string().min(1).max(200),
  dateOfBirth: dateOfBirthSchema,
});
export type DikomaLookupRequest = z.infer<typeof dikomaLookupRequestSchema>;

export const dikomaLookupResponseSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('match'),
    person: z.object({
      givenName: z.string().max(200),
      familyName: z.string().min(1).max(200),
      dateOfBirth: dateOfBirthSchema,
    }),
    firstPositivePcrDate: isoDateSchema,
  }),
  z.object({ result: z.literal('no-match') }),
]);
export type DikomaLookupResponse = z.infer<typeof dikomaLookupResponseSchema>;

export const dikomaHealthResponseSchema = z.object({ status: z.literal('ok') });
