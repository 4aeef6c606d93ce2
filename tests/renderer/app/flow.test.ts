// The citizen flow's state machine: one question per screen in order, editing from the
// summary returns there, format errors from core lead back to their field, refusals to their
// screen, clerk reissue carries the entered values over, and wipe forgets everything. Each screen's
// state holds only what that screen needs: impossible screens do not type-check (at the end of the
// file; `npm run typecheck` fails if one of them ever does).
import { describe, expect, it } from 'vitest';
import type { IssuedCertificate } from '../../../core/api/kiosk-api';
import {
  EMPTY_ENTRY,
  flowReducer,
  holdsSomething,
  INITIAL_FLOW,
  submissionOf,
  type FlowAction,
  type FlowState,
} from '../../../renderer/app/flow';

const run = (actions: FlowAction[], from: FlowState = INITIAL_FLOW) => actions.reduce(flowReducer, from);
const certificate = { certificateId: 'c1', qr: { side: 29, darkPath: '' } } as unknown as IssuedCertificate;
const clerkWalkIn: FlowAction[] = [{ type: 'clerkUnlocked', token: 't' }, { type: 'clerkWalkIn' }];
const filled: FlowAction[] = [
  { type: 'start' },
  { type: 'edit', patch: { id: 'RZJQMTFB84WV' } },
  { type: 'next' },
  { type: 'edit', patch: { familyName: 'Mustermann' } },
  { type: 'next' },
  { type: 'edit', patch: { dob: { day: '12', month: '08', year: '1964' } } },
  { type: 'next' },
];

describe('citizen flow', () => {
  it('a clerk PIN asked again after the session ended keeps the screen and every entry, with the new token', () => {
    const walkIn = run([{ type: 'clerkUnlocked', token: 'old' }, { type: 'clerkWalkIn' }, ...filled.slice(1)]);
    const renewed = run([{ type: 'clerkRenewed', token: 'new' }], walkIn);
    expect(renewed).toEqual({ ...walkIn, clerkToken: 'new' });
    // Without a clerk there is nothing to renew: a stray answer never signs anyone in.
    const citizen = run(filled);
    expect(run([{ type: 'clerkRenewed', token: 'new' }], citizen)).toBe(citizen);
  });

  it('asks one question per screen, in order, and back goes back', () => {
    const s = run(filled);
    expect(s.screen).toBe('summary');
    expect(run([{ type: 'back' }], s).screen).toBe('dob');
    expect(run([{ type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'back' }], s).screen).toBe('welcome');
  });

  it('arrives at the welcome screen only as the initial state: no path back keeps the entries', () => {
    const s = run(filled);
    expect(run([{ type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'back' }], s)).toBe(INITIAL_FLOW);
    expect(run([{ type: 'cancel' }], s)).toBe(INITIAL_FLOW);
    const atId = run([
      { type: 'start' },
      { type: 'edit', patch: { id: 'RZJQ' } },
      { type: 'openClerk' },
      { type: 'cancelClerk' },
    ]);
    expect(atId).toMatchObject({ screen: 'id', entry: { id: 'RZJQ' } }); // the PIN dialog cancelled returns to the same person
    const fromWelcome = run([{ type: 'openClerk' }, { type: 'cancelClerk' }]);
    expect(fromWelcome).toBe(INITIAL_FLOW);
    // A clerk's walk-in cancelled returns to the clerk menu, without the entries.
    const walkIn = run([
      { type: 'clerkUnlocked', token: 't' },
      { type: 'clerkWalkIn' },
      { type: 'edit', patch: { id: 'X' } },
    ]);
    expect(run([{ type: 'cancel' }], walkIn)).toEqual({ screen: 'clerkStatus', clerkToken: 't' });
  });

  it('returns to the summary after changing one answer', () => {
    const s = run([
      ...filled,
      { type: 'change', screen: 'name' },
      { type: 'edit', patch: { familyName: 'Muster' } },
      { type: 'next' },
    ]);
    expect(s).toMatchObject({ screen: 'summary', entry: { familyName: 'Muster' } });
  });

  it("keeps a format error on its field's screen only", () => {
    const dobError = run([...filled, { type: 'submit' }, { type: 'refused', error: { code: 'DOB_INVALID' } }]);
    expect(dobError).toMatchObject({ screen: 'dob', error: { code: 'DOB_INVALID' } });
    const back = run([{ type: 'next' }], dobError);
    expect(back).toEqual({ ...submissionOf(back), screen: 'summary', editingFromSummary: false });
    expect(run([{ type: 'change', screen: 'name' }], back)).toMatchObject({ screen: 'name', error: null });
  });

  it('shows the result, or the refusal, or the field of a format error', () => {
    const s = run([...filled, { type: 'submit' }]);
    expect(s.screen).toBe('working');
    expect(run([{ type: 'issued', certificate }], s)).toMatchObject({ screen: 'result', certificate });
    expect(run([{ type: 'refused', error: { code: 'NOT_FOUND' } }], s).screen).toBe('refusal');
    const dobError = run([{ type: 'refused', error: { code: 'DOB_INVALID' } }], s);
    expect(dobError).toMatchObject({ screen: 'dob', editingFromSummary: true });
  });

  it('asks about a short acceptance with the entries kept; "issue anyway" submits them again, cancel forgets them', () => {
    const error = { code: 'SHORT_ACCEPTANCE', details: { acceptedUntil: '2022-03-31', daysLeft: 3 } };
    const asked = run([...filled, { type: 'submit' }, { type: 'refused', error }]);
    const entry = submissionOf(run(filled))?.entry;
    expect(asked).toEqual({ screen: 'shortAcceptance', mode: 'issue', clerkToken: null, entry, error });
    const again = run([{ type: 'submit' }], asked);
    expect(again).toEqual({ screen: 'working', mode: 'issue', clerkToken: null, entry });
    expect(run([{ type: 'cancel' }], asked)).toBe(INITIAL_FLOW);
  });

  it('lets a clerk reissue after ALREADY_ISSUED with the entered values kept', () => {
    const refused = run([
      ...clerkWalkIn,
      ...filled.slice(1),
      { type: 'submit' },
      { type: 'refused', error: { code: 'ALREADY_ISSUED' } },
    ]);
    const s = run([{ type: 'clerkReissue' }], refused);
    expect(s).toMatchObject({ screen: 'reason', mode: 'reissue', clerkToken: 't', entry: { id: 'RZJQMTFB84WV' } });
    const summary = run([{ type: 'edit', patch: { reason: 'Handy verloren' } }, { type: 'next' }], s);
    expect(submissionOf(summary)).toMatchObject({
      mode: 'reissue',
      clerkToken: 't',
      entry: { reason: 'Handy verloren' },
    });
    // Without a signed-in clerk the same refusal offers no reissue, and the action changes nothing.
    const citizen = run([...filled, { type: 'submit' }, { type: 'refused', error: { code: 'ALREADY_ISSUED' } }]);
    expect(run([{ type: 'clerkReissue' }], citizen)).toBe(citizen);
  });

  it('wipes everything: entries, certificate, clerk token', () => {
    const issued = run([...clerkWalkIn, ...filled.slice(1), { type: 'submit' }, { type: 'issued', certificate }]);
    expect(issued).toEqual({ screen: 'result', mode: 'issue', clerkToken: 't', certificate });
    const s = run([{ type: 'wipe' }], issued);
    expect(s).toEqual(INITIAL_FLOW);
    expect(holdsSomething(s)).toBe(false);
    expect(holdsSomething(run([{ type: 'start' }]))).toBe(true);
  });

  it('drops an answer that arrives after the person left the working screen', () => {
    const left = run([...filled, { type: 'submit' }, { type: 'openClerk' }]);
    expect(run([{ type: 'issued', certificate }], left)).toBe(left);
    expect(run([{ type: 'refused', error: { code: 'NOT_FOUND' } }], left)).toBe(left);
  });
});

// Impossible screens are type errors, not states to guard against at run time.
const asking = { entry: EMPTY_ENTRY, editingFromSummary: false } as const;
export const impossible: readonly FlowState[] = [
  // @ts-expect-error a result screen needs its certificate
  { screen: 'result', mode: 'issue', clerkToken: null },
  // @ts-expect-error a refusal needs its error
  { screen: 'refusal', mode: 'issue', clerkToken: null, entry: EMPTY_ENTRY },
  // @ts-expect-error a reissue needs the clerk's token
  { screen: 'summary', mode: 'reissue', clerkToken: null, ...asking },
  // @ts-expect-error the reason is asked in a reissue only
  { screen: 'reason', mode: 'issue', clerkToken: null, ...asking },
  // @ts-expect-error a field error belongs on a field's screen, not on the summary
  { screen: 'summary', mode: 'issue', clerkToken: null, ...asking, error: { code: 'DOB_INVALID' } },
  // @ts-expect-error the clerk's menu needs a signed-in clerk
  { screen: 'clerkStatus', clerkToken: null },
  // @ts-expect-error the welcome screen holds nothing of a person
  { screen: 'welcome', entry: EMPTY_ENTRY },
];
