// Fuzzing the Electron IPC boundary (docs/reliability.md): the main process's handlers
// (electron/main/ipc-handlers.ts) registered on D's fake ipcMain (tests/electron/fakes.ts) in
// front of a real kiosk. Payloads are anything a compromised renderer could send — any JSON-ish
// value, prototype-polluting keys, valid payloads with one field swapped for garbage — on every
// channel, from the kiosk window or from a foreign sender (another window, a subframe, another
// origin). Always a typed Result; a foreign sender always FORBIDDEN_SENDER and never reaches
// the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KioskApi } from '../../../core/api/kiosk-api';
import { KIOSK_METHODS } from '../../../core/api/kiosk-api-contract';
import { silentLogger } from '../../../core/log/logger';
import { channelFor } from '../../../electron/ipc-channels';
import { registerKioskIpc } from '../../../electron/main/ipc-handlers';
import { FakeFrame, FakeIpcMain, FakeWebContents, ipcEvent } from '../../electron/fakes';
import { countCases, runs } from '../fuzz-budget';
import { openFuzzKiosk, type FuzzKiosk } from './fuzz-kiosk';
import { expectTypedResult } from './typed';

const VALID: Record<string, Record<string, unknown>> = {
  validateId: { genesenenId: '0123-4567-89AB' },
  issue: { genesenenId: '0123456789AB', familyName: 'Muster', dateOfBirth: '1980-01-01', lang: 'de' },
  print: { certificateId: 'c1', format: 'a4', lang: 'de' },
  clerkUnlock: { clerkId: 'clerk', pin: '000000' },
  clerkStatus: { token: 't' },
  clerkTouch: { token: 't' },
  clerkReissue: { genesenenId: 'X', familyName: 'M', dateOfBirth: '1980', lang: 'de', token: 't', reason: 'lost' },
  clerkLiftKioskLock: { token: 't' },
  clerkLock: { token: 't' },
};

const payload = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  fc
    .jsonValue({ maxDepth: 3 })
    .map(
      (v) =>
        JSON.parse(`{"__proto__": ${JSON.stringify(v)}, "constructor": {"prototype": {"polluted": true}}}`) as unknown,
    ),
  fc.tuple(fc.constantFrom(...Object.keys(VALID)), fc.anything({ maxDepth: 2 })).map(([m, garbage]) => {
    const valid = VALID[m]!;
    const key = Object.keys(valid)[0]!;
    return { ...valid, [key]: garbage };
  }),
  fc.constantFrom(undefined, null, 0, '', [], {}, () => 1, Symbol('x')),
);

type Sender = 'window' | 'other-window' | 'subframe' | 'other-origin';

export function fuzzIpc(): void {
  let f: FuzzKiosk;
  beforeAll(async () => {
    f = await openFuzzKiosk();
  });
  afterAll(() => f?.close());

  describe('Electron IPC handlers', () => {
    it(
      'any payload on any channel from any sender: a typed Result; foreign senders never reach the API',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(600, 20_000);
        const ipcMain = new FakeIpcMain();
        const window = new FakeWebContents('app://kiosk/index.html');
        let apiCalls = 0;
        const counting = Object.fromEntries(
          KIOSK_METHODS.map((m) => [
            m,
            (input: never) => (apiCalls++, (f.kiosk.api[m] as (i: never) => Promise<unknown>)(input)),
          ]),
        ) as unknown as KioskApi;
        registerKioskIpc(ipcMain, {
          api: counting,
          logger: silentLogger,
          trustedOrigins: ['app://kiosk'],
          trustedContents: () => window as never,
        });
        const events: Record<Sender, () => unknown> = {
          window: () => ipcEvent(window),
          'other-window': () => ipcEvent(new FakeWebContents('app://kiosk/index.html')),
          subframe: () => ipcEvent(window, new FakeFrame('app://kiosk/index.html', window.mainFrame)),
          // The kiosk window itself, navigated away to a foreign page (restored after the call).
          'other-origin': () => ((window.mainFrame.url = 'https://evil.example/'), ipcEvent(window)),
        };
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...KIOSK_METHODS),
            payload,
            fc.constantFrom<Sender>('window', 'window', 'window', 'other-window', 'subframe', 'other-origin'),
            async (method, input, sender) => {
              const before = apiCalls;
              const result = await ipcMain.handlers.get(channelFor(method))!(events[sender](), input);
              window.mainFrame.url = 'app://kiosk/index.html';
              expectTypedResult(result);
              if (sender !== 'window') {
                expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
                expect(apiCalls).toBe(before);
              }
              expect(({} as Record<string, unknown>).polluted).toBeUndefined();
            },
          ),
          { numRuns },
        );
        await f.kiosk.api.endSession({});
        countCases('ipc: payloads', numRuns);
      },
    );
  });
}
