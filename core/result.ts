// Results cross every boundary (core → IPC/HTTP → renderer) as plain values, never as thrown
// errors: `{ ok: true, value }` or `{ ok: false, error: { code, ...details } }`. The renderer maps
// `code` to a translated message; details carry only non-personal facts (dates, counts).
import type { ErrorCode } from './errors';

export interface AppError<C extends string = ErrorCode> {
  readonly code: C;
  /** Non-personal detail for operators and for the message text, e.g. an ISO date. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E = AppError> = { readonly ok: false; readonly error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends ErrorCode>(
  code: C,
  details?: Readonly<Record<string, string | number | boolean>>,
): Err<AppError<C>> => ({ ok: false, error: details ? { code, details } : { code } });
