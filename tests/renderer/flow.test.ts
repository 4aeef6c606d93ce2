// The citizen flow's state machine: one question per screen in order, editing from the
// summary returns there, format errors from core lead back to their field, refusals to their
// screen, clerk reissue carries the entered values over, and wipe forgets everything.
import { describe, expect, it } from 'vitest';
import type { IssuedCertificate } from '../../core/api/kiosk-api';
import { flowReducer, holdsSomething, INITIAL_FLOW, type FlowAction, type FlowState } from '../../renderer/app/flow';

const run = (actions: FlowAction[], from: FlowState = INITIAL_FLOW) => actions.reduce(flowReducer, from);
const certificate = { certificateId: 'c1', qrSvg: '<svg/>' } as unknown as IssuedCertificate;
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
    expect(atId.entry.id).toBe('RZJQ'); // the PIN dialog cancelled returns to the same person
    const fromWelcome = run([{ type: 'openClerk' }, { type: 'cancelClerk' }]);
    expect(fromWelcome).toBe(INITIAL_FLOW);
    // A clerk's walk-in cancelled returns to the clerk menu, without the entries.
    const walkIn = run([
      { type: 'clerkUnlocked', token: 't' },
      { type: 'clerkWalkIn' },
      { type: 'edit', patch: { id: 'X' } },
    ]);
    expect(run([{ type: 'cancel' }], walkIn)).toMatchObject({
      screen: 'clerkStatus',
      clerkToken: 't',
      entry: { id: '' },
    });
  });

  it('returns to the summary after changing one answer', () => {
    const s = run([
      ...filled,
      { type: 'change', screen: 'name' },
      { type: 'edit', patch: { familyName: 'Muster' } },
      { type: 'next' },
    ]);
    expect(s.screen).toBe('summary');
    expect(s.entry.familyName).toBe('Muster');
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
    expect(asked).toMatchObject({ screen: 'shortAcceptance', error });
    expect(asked.entry).toEqual(run(filled).entry);
    const again = run([{ type: 'submit' }], asked);
    expect(again).toMatchObject({ screen: 'working', error: null, entry: run(filled).entry });
    expect(run([{ type: 'cancel' }], asked)).toBe(INITIAL_FLOW);
  });

  it('lets a clerk reissue after ALREADY_ISSUED with the entered values kept', () => {
    const refused = run([
      ...filled,
      { type: 'clerkUnlocked', token: 't' },
      { type: 'submit' },
      { type: 'refused', error: { code: 'ALREADY_ISSUED' } },
    ]);
    const s = run([{ type: 'clerkReissue' }], refused);
    expect(s).toMatchObject({ screen: 'reason', mode: 'reissue', clerkToken: 't' });
    expect(s.entry.id).toBe('RZJQMTFB84WV');
    expect(run([{ type: 'edit', patch: { reason: 'Handy verloren' } }, { type: 'next' }], s).screen).toBe('summary');
  });

  it('wipes everything: entries, certificate, clerk token', () => {
    const s = run([
      ...filled,
      { type: 'clerkUnlocked', token: 't' },
      { type: 'issued', certificate },
      { type: 'wipe' },
    ]);
    expect(s).toEqual(INITIAL_FLOW);
    expect(holdsSomething(s)).toBe(false);
    expect(holdsSomething(run([{ type: 'start' }]))).toBe(true);
  });
});
