// Results cross every boundary (core → IPC/HTTP → renderer) as plain values, never as thrown
// errors: `{ ok: true, value }` or `{ ok: false, error: { code, ...details } }`. The renderer maps
// `code` to a translated message; details carry only non-personal facts (dates, counts).
//
// One way to fail: every failure in core is a `Result<T, E>`. `E` is a small closed union: an
// `AppError` whose code the renderer can translate, or, inside a module, string literal codes
// (`Result<Uint8Array, Base45Error>`) that its caller maps to an `AppError`. Unions tagged by
// `kind` are kept only for outcomes that are not failures: a record found or not found, a
// reservation made or the ID already issued. Unwrap with one idiom: `if (!r.ok) return r;`, or
// map the error first (`if (!r.ok) return err('CODE')`).
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
/** A failure with any error shape; `err` below builds the usual `AppError`. */
export const fail = <E>(error: E): Err<E> => ({ ok: false, error });
export const err = <C extends ErrorCode>(
  code: C,
  details?: Readonly<Record<string, string | number | boolean>>,
): Err<AppError<C>> => ({ ok: false, error: details ? { code, details } : { code } });
