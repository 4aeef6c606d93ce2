// The citizen flow as one pure state machine: one question per screen, the entered
// values, the issued certificate and the clerk token live only here (React state), so "wipe"
// is a single reset to INITIAL_FLOW. No personal value is stored anywhere else in the renderer.
//
// Each screen's state carries exactly what that screen needs, so an impossible screen does not
// type-check: a result without a certificate, a refusal without its error, a reissue without a
// clerk token, the reason question outside a reissue, a field error on another field's screen.
import type { IssuedCertificate } from '../../core/api/kiosk-api';
import type { AppError } from '../../core/result';
import type { DobFields } from './entry-format';
import { fieldOf } from './error-kinds';

export interface Entry {
  readonly id: string;
  readonly familyName: string;
  readonly dob: DobFields;
  /** Clerk reissue only. */
  readonly reason: string;
}

export const EMPTY_ENTRY: Entry = { id: '', familyName: '', dob: { day: '', month: '', year: '' }, reason: '' };

/** Who is being served: a citizen (alone, or a clerk's walk-in), or a signed-in clerk's reissue. */
export type Errand =
  | { readonly mode: 'issue'; readonly clerkToken: string | null }
  | { readonly mode: 'reissue'; readonly clerkToken: string };

/** The questions that edit one entry field; format errors from core lead back to id, name and dob. */
type Field = 'id' | 'name' | 'dob';
/** Screens the summary's "change" opens. */
export type Changeable = Field | 'reason';

/** A person's entries with who sends them: what issuing (or issuing again) needs. */
export type Submission = Errand & { readonly entry: Entry };

interface Asking {
  readonly entry: Entry;
  /** Set while editing from the summary: "Next" returns there. */
  readonly editingFromSummary: boolean;
}

type WelcomeState = { readonly screen: 'welcome' };
type FieldState = Errand &
  Asking & {
    readonly screen: Field;
    /** A format error from core for this field, shown when the screen opens. */
    readonly error: AppError<string> | null;
  };
type ReasonState = Extract<Errand, { mode: 'reissue' }> & Asking & { readonly screen: 'reason' };
type SummaryState = Errand & Asking & { readonly screen: 'summary' };
type WorkingState = Submission & { readonly screen: 'working' };
type ResultState = Errand & { readonly screen: 'result'; readonly certificate: IssuedCertificate };
/** A refusal, or SHORT_ACCEPTANCE's "issue anyway?" (docs/business-rules.md): the entries are kept for a retry. */
type RefusedState = Submission & {
  readonly screen: 'refusal' | 'shortAcceptance';
  readonly error: AppError<string>;
};
/** The screens of a person's visit, where the clerk's PIN can be asked and cancelled. */
type VisitState = WelcomeState | FieldState | ReasonState | SummaryState | WorkingState | ResultState | RefusedState;
/** The clerk's sign-in; cancelled, it returns to `resume` unchanged. */
type ClerkPinState = { readonly screen: 'clerkPin'; readonly resume: VisitState };
type ClerkStatusState = { readonly screen: 'clerkStatus'; readonly clerkToken: string };

export type FlowState = VisitState | ClerkPinState | ClerkStatusState;

export const INITIAL_FLOW: FlowState = { screen: 'welcome' };

export type FlowAction =
  | { type: 'start' }
  | { type: 'edit'; patch: Partial<Entry> }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'change'; screen: Changeable }
  | { type: 'submit' }
  | { type: 'issued'; certificate: IssuedCertificate }
  | { type: 'refused'; error: AppError<string> }
  | { type: 'checkEntries' }
  | { type: 'openClerk' }
  | { type: 'cancelClerk' }
  | { type: 'clerkUnlocked'; token: string }
  /** The PIN asked again after the session ended: a new token, everything else kept. */
  | { type: 'clerkRenewed'; token: string }
  | { type: 'clerkWalkIn' }
  | { type: 'clerkReissue' }
  | { type: 'clerkMenu' }
  | { type: 'cancel' }
  /** The person left (use-end-person.ts): everything is forgotten. */
  | { type: 'wipe' };

/** A question, or where Back from the first one leads. */
type Step = Changeable | 'summary' | 'welcome' | 'clerkStatus';

const ORDER: Record<Errand['mode'], readonly Step[]> = {
  issue: ['welcome', 'id', 'name', 'dob', 'summary'],
  reissue: ['clerkStatus', 'id', 'name', 'dob', 'reason', 'summary'],
};

/**
 * Every way back to the start forgets the person: whatever led to the welcome screen (Back from
 * the first question, a cancelled PIN dialog, a lost clerk token), what arrives there is the
 * initial state, never a welcome screen with someone's entries behind it.
 */
export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  const next = reduce(state, action);
  return next.screen === 'welcome' ? INITIAL_FLOW : next;
}

function reduce(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'start':
      return state.screen === 'welcome' ? ask(citizen(null), EMPTY_ENTRY, 'id', false) : state;
    case 'edit':
      return isAsking(state) ? { ...state, entry: { ...state.entry, ...action.patch } } : state;
    case 'next':
    case 'back': {
      if (!isAsking(state)) return state;
      if (state.editingFromSummary) return ask(errandOf(state), state.entry, 'summary', false);
      return ask(errandOf(state), state.entry, step(state, action.type === 'next' ? 1 : -1), false);
    }
    case 'change':
      return state.screen === 'summary' ? ask(errandOf(state), state.entry, action.screen, true) : state;
    case 'submit': {
      const submission = submissionOf(state);
      return submission ? { ...submission, screen: 'working' } : state;
    }
    case 'issued':
      return state.screen === 'working'
        ? { ...errandOf(state), screen: 'result', certificate: action.certificate }
        : state;
    case 'refused':
      return state.screen === 'working' ? refused(state, action.error) : state;
    case 'checkEntries':
      return state.screen === 'refusal' ? ask(errandOf(state), state.entry, 'summary', false) : state;
    case 'openClerk': {
      const token = clerkTokenOf(state);
      if (token) return { screen: 'clerkStatus', clerkToken: token };
      return state.screen === 'clerkPin' || state.screen === 'clerkStatus'
        ? state
        : { screen: 'clerkPin', resume: state };
    }
    case 'cancelClerk':
      return state.screen === 'clerkPin' ? state.resume : state;
    case 'clerkUnlocked':
      return { screen: 'clerkStatus', clerkToken: action.token };
    case 'clerkRenewed':
      return renewed(state, action.token);
    case 'clerkWalkIn':
      return state.screen === 'clerkStatus' ? ask(citizen(state.clerkToken), EMPTY_ENTRY, 'id', false) : state;
    case 'clerkReissue':
      // From a refusal (ALREADY_ISSUED) the entered values carry over; from the menu they start empty.
      if (state.screen === 'refusal' && state.clerkToken) {
        return ask(reissue(state.clerkToken), state.entry, 'reason', false);
      }
      return state.screen === 'clerkStatus' ? ask(reissue(state.clerkToken), EMPTY_ENTRY, 'id', false) : state;
    case 'clerkMenu': {
      const token = clerkTokenOf(state);
      return token ? { screen: 'clerkStatus', clerkToken: token } : state;
    }
    case 'cancel': {
      // A clerk's walk-in cancelled goes back to the clerk's menu, without the entries.
      const token = clerkTokenOf(state);
      return token ? { screen: 'clerkStatus', clerkToken: token } : INITIAL_FLOW;
    }
    case 'wipe':
      return INITIAL_FLOW;
  }
}

const citizen = (clerkToken: string | null): Errand => ({ mode: 'issue', clerkToken });
const reissue = (clerkToken: string): Errand => ({ mode: 'reissue', clerkToken });

/** Only who is served, never another screen's data (a certificate, an error) carried along. */
function errandOf(state: Errand): Errand {
  return state.mode === 'reissue' ? reissue(state.clerkToken) : citizen(state.clerkToken);
}

type AskingState = FieldState | ReasonState | SummaryState;

function isAsking(state: FlowState): state is AskingState {
  return state.screen === 'id' || state.screen === 'name' || state.screen === 'dob' || isReasonOrSummary(state);
}

function isReasonOrSummary(state: FlowState): state is ReasonState | SummaryState {
  return state.screen === 'reason' || state.screen === 'summary';
}

/** The state of a question (or of where a question's Back leads: the start, the clerk's menu). */
function ask(errand: Errand, entry: Entry, screen: Step, editingFromSummary: boolean): FlowState {
  switch (screen) {
    case 'welcome':
      return INITIAL_FLOW;
    case 'clerkStatus':
      return errand.clerkToken ? { screen, clerkToken: errand.clerkToken } : INITIAL_FLOW;
    case 'reason':
      // The reason is asked in a reissue only; a citizen's flow has no such question.
      return errand.mode === 'reissue'
        ? { ...errand, screen, entry, editingFromSummary }
        : ask(errand, entry, 'summary', false);
    case 'summary':
      return { ...errand, screen, entry, editingFromSummary };
    default:
      return { ...errand, screen, entry, editingFromSummary, error: null };
  }
}

function step(state: AskingState, delta: 1 | -1): Step {
  const order = ORDER[state.mode];
  const at = order.indexOf(state.screen);
  return order[Math.min(order.length - 1, Math.max(0, at + delta))] ?? state.screen;
}

function refused(state: WorkingState, error: AppError<string>): FlowState {
  // Format errors from core go straight back to the field concerned, with the message.
  const field = fieldOf(error.code);
  if (field) return { ...errandOf(state), screen: field, entry: state.entry, editingFromSummary: true, error };
  // The question keeps the entries: "Issue anyway" sends them again with the consent.
  const screen = error.code === 'SHORT_ACCEPTANCE' ? 'shortAcceptance' : 'refusal';
  return { ...errandOf(state), screen, entry: state.entry, error };
}

function renewed(state: FlowState, token: string): FlowState {
  // Without a clerk there is nothing to renew: a stray answer never signs anyone in.
  if (clerkTokenOf(state) === null) return state;
  if (state.screen === 'clerkStatus') return { ...state, clerkToken: token };
  if (state.screen === 'welcome' || state.screen === 'clerkPin') return state;
  return { ...state, clerkToken: token };
}

/** The signed-in clerk's token, or null while no clerk is signed in. */
export function clerkTokenOf(state: FlowState): string | null {
  switch (state.screen) {
    case 'welcome':
      return null;
    case 'clerkPin':
      return clerkTokenOf(state.resume);
    default:
      return state.clerkToken;
  }
}

/** The entries ready to be sent, with who sends them; null on screens that hold no complete entry. */
export function submissionOf(state: FlowState): Submission | null {
  switch (state.screen) {
    case 'summary':
    case 'refusal':
    case 'shortAcceptance':
      return { ...errandOf(state), entry: state.entry };
    default:
      return null;
  }
}

/** Issue or reissue: which the questions, the step count and the result's title are about. */
export function modeOf(state: FlowState): Errand['mode'] {
  switch (state.screen) {
    case 'welcome':
    case 'clerkStatus':
      return 'issue';
    case 'clerkPin':
      return modeOf(state.resume);
    default:
      return state.mode;
  }
}

/** True on the first question of a flow, where Back would leave it: there it is "Cancel". */
export function isFirstQuestion(state: FlowState): boolean {
  return state.screen === 'id' && !state.editingFromSummary;
}

/** Which question of how many this screen is (ID, name, date, [reason,] summary), or null. */
export function questionStep(state: FlowState): { n: number; total: number } | null {
  if (!isAsking(state)) return null;
  const questions = ORDER[state.mode].slice(1);
  const at = questions.indexOf(state.screen);
  return at < 0 ? null : { n: at + 1, total: questions.length };
}

/** True while anything of a person (or an unlocked clerk) is on the kiosk. */
export function holdsSomething(state: FlowState): boolean {
  return state.screen !== 'welcome';
}
