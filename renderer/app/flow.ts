// The citizen flow as one pure state machine: one question per screen, the entered
// values, the issued certificate and the clerk token live only here (React state), so "wipe"
// is a single reset to INITIAL_FLOW. No personal value is stored anywhere else in the renderer.
import type { IssuedCertificate } from '../../core/api/kiosk-api';
import type { AppError } from '../../core/result';
import type { DobFields } from './entry-format';
import { fieldOf } from './error-kinds';

export type Screen =
  | 'welcome'
  | 'id'
  | 'name'
  | 'dob'
  | 'reason'
  | 'summary'
  | 'working'
  | 'result'
  | 'refusal'
  /** SHORT_ACCEPTANCE: "issue anyway?" before anything is issued (docs/business-rules.md). */
  | 'shortAcceptance'
  | 'clerkPin'
  | 'clerkStatus';

export interface Entry {
  readonly id: string;
  readonly familyName: string;
  readonly dob: DobFields;
  /** Clerk reissue only. */
  readonly reason: string;
}

export interface FlowState {
  readonly screen: Screen;
  readonly mode: 'issue' | 'reissue';
  readonly entry: Entry;
  /** Set while editing from the summary: "Next" returns there. */
  readonly editingFromSummary: boolean;
  readonly certificate: IssuedCertificate | null;
  readonly error: AppError<string> | null;
  readonly clerkToken: string | null;
  /** Screen to return to when the PIN dialog is cancelled. */
  readonly beforeClerk: Screen;
}

export const EMPTY_ENTRY: Entry = { id: '', familyName: '', dob: { day: '', month: '', year: '' }, reason: '' };

export const INITIAL_FLOW: FlowState = {
  screen: 'welcome',
  mode: 'issue',
  entry: EMPTY_ENTRY,
  editingFromSummary: false,
  certificate: null,
  error: null,
  clerkToken: null,
  beforeClerk: 'welcome',
};

export type FlowAction =
  | { type: 'start' }
  | { type: 'edit'; patch: Partial<Entry> }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'change'; screen: 'id' | 'name' | 'dob' | 'reason' }
  | { type: 'submit' }
  | { type: 'issued'; certificate: IssuedCertificate }
  | { type: 'refused'; error: AppError<string> }
  | { type: 'retry' }
  | { type: 'checkEntries' }
  | { type: 'openClerk' }
  | { type: 'cancelClerk' }
  | { type: 'clerkUnlocked'; token: string }
  /** The PIN asked again after the session ended: a new token, everything else kept. */
  | { type: 'clerkRenewed'; token: string }
  | { type: 'clerkWalkIn' }
  | { type: 'clerkReissue' }
  | { type: 'clerkMenu' }
  | { type: 'clerkLocked' }
  | { type: 'cancel' }
  | { type: 'wipe' };

const ORDER: Record<FlowState['mode'], readonly Screen[]> = {
  issue: ['welcome', 'id', 'name', 'dob', 'summary'],
  reissue: ['clerkStatus', 'id', 'name', 'dob', 'reason', 'summary'],
};

function step(state: FlowState, delta: 1 | -1): Screen {
  const order = ORDER[state.mode];
  const at = order.indexOf(state.screen);
  if (at < 0) return state.screen;
  return order[Math.min(order.length - 1, Math.max(0, at + delta))] ?? state.screen;
}

/**
 * Every way back to the start forgets the person: whatever led to the welcome screen (Back from
 * the first question, a cancelled PIN dialog, a lost clerk token), what arrives there is the
 * initial state, never a welcome screen with someone's entries behind it.
 */
export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  const next = reduce(state, action);
  return next.screen === 'welcome' && next !== INITIAL_FLOW ? INITIAL_FLOW : next;
}

function reduce(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'start':
      return { ...state, screen: 'id', mode: 'issue' };
    case 'edit':
      return { ...state, entry: { ...state.entry, ...action.patch } };
    case 'next':
      if (state.editingFromSummary) return { ...state, screen: 'summary', editingFromSummary: false };
      return { ...state, screen: step(state, 1) };
    case 'back':
      if (state.editingFromSummary) return { ...state, screen: 'summary', editingFromSummary: false };
      return { ...state, screen: step(state, -1) };
    case 'change':
      return { ...state, screen: action.screen, editingFromSummary: true };
    case 'submit':
      return { ...state, screen: 'working', error: null };
    case 'issued':
      return { ...state, screen: 'result', certificate: action.certificate, error: null };
    case 'refused': {
      // Format errors from core go straight back to the field concerned, with the message.
      const field = fieldOf(action.error.code);
      if (field) return { ...state, screen: field, editingFromSummary: true, error: action.error };
      // The question keeps the entries: "Issue anyway" sends them again with the consent.
      if (action.error.code === 'SHORT_ACCEPTANCE') return { ...state, screen: 'shortAcceptance', error: action.error };
      return { ...state, screen: 'refusal', error: action.error };
    }
    case 'retry':
      return { ...state, screen: 'working', error: null };
    case 'checkEntries':
      return { ...state, screen: 'summary', error: null };
    case 'openClerk':
      if (state.clerkToken) return { ...state, screen: 'clerkStatus', error: null };
      return { ...state, screen: 'clerkPin', beforeClerk: state.screen, error: null };
    case 'cancelClerk':
      return { ...state, screen: state.beforeClerk, error: null };
    case 'clerkUnlocked':
      return { ...state, screen: 'clerkStatus', clerkToken: action.token, error: null };
    case 'clerkRenewed':
      return state.clerkToken ? { ...state, clerkToken: action.token } : state;
    case 'clerkWalkIn':
      return { ...INITIAL_FLOW, clerkToken: state.clerkToken, screen: 'id', mode: 'issue' };
    case 'clerkReissue':
      // From a refusal (ALREADY_ISSUED) the entered values carry over; from the menu they start empty.
      return state.screen === 'refusal'
        ? { ...state, mode: 'reissue', screen: 'reason', editingFromSummary: false, error: null }
        : { ...INITIAL_FLOW, clerkToken: state.clerkToken, mode: 'reissue', screen: 'id' };
    case 'clerkMenu':
      return { ...state, screen: 'clerkStatus', error: null };
    case 'clerkLocked':
      return { ...INITIAL_FLOW };
    case 'cancel':
      // A clerk's walk-in cancelled goes back to the clerk's menu, without the entries.
      return state.clerkToken ? { ...INITIAL_FLOW, clerkToken: state.clerkToken, screen: 'clerkStatus' } : INITIAL_FLOW;
    case 'wipe':
      return { ...INITIAL_FLOW };
  }
}

/** True on the first question of a flow, where Back would leave it: there it is "Cancel". */
export function isFirstQuestion(state: FlowState): boolean {
  return state.screen === 'id' && !state.editingFromSummary;
}

/** Which question of how many this screen is (ID, name, date, [reason,] summary), or null. */
export function questionStep(state: FlowState): { n: number; total: number } | null {
  const questions = ORDER[state.mode].slice(1);
  const at = questions.indexOf(state.screen);
  return at < 0 ? null : { n: at + 1, total: questions.length };
}

/** True while anything of a person (or an unlocked clerk) is on the kiosk. */
export function holdsSomething(state: FlowState): boolean {
  return state !== INITIAL_FLOW && (state.screen !== 'welcome' || state.clerkToken !== null);
}
