// The single entry point both transports use: validate an untrusted (method, input) pair against
// the contract, then call KioskApi. Anything unexpected becomes a Result, never an exception.
import type { Result } from '../result';
import { err } from '../result';
import type { KioskApi } from './kiosk-api';
import { isKioskMethod, kioskApiContract } from './kiosk-api-contract';

export async function dispatchKioskCall(api: KioskApi, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isKioskMethod(method)) return err('UNKNOWN_CHANNEL');
  const parsed = kioskApiContract[method].safeParse(input ?? {});
  if (!parsed.success) return err('INVALID_INPUT');
  try {
    // The schema and the method agree by construction (contractMatchesApi in kiosk-api.ts).
    const call = api[method] as (arg: unknown) => Promise<Result<unknown>>;
    return await call.call(api, parsed.data);
  } catch {
    return err('INTERNAL');
  }
}
