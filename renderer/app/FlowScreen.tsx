// Which screen shows for a flow state, with its callbacks (split from KioskFlow so the flow's side
// effects and the screens' wiring each stay readable).
import type { ReactElement } from 'react';
import { ClerkPinScreen } from '../screens/ClerkPinScreen';
import { ClerkStatusScreen } from '../screens/ClerkStatusScreen';
import { DobScreen } from '../screens/DobScreen';
import { IdScreen } from '../screens/IdScreen';
import { NameScreen } from '../screens/NameScreen';
import { ReasonScreen } from '../screens/ReasonScreen';
import { RefusalScreen } from '../screens/RefusalScreen';
import { ResultScreen } from '../screens/ResultScreen';
import { ShortAcceptanceScreen } from '../screens/ShortAcceptanceScreen';
import { SummaryScreen } from '../screens/SummaryScreen';
import { WelcomeScreen } from '../screens/WelcomeScreen';
import { WorkingScreen } from '../screens/WorkingScreen';
import { isFirstQuestion, type Entry, type FlowAction, type FlowState } from './flow';

export interface FlowScreenProps {
  readonly state: FlowState;
  readonly dispatch: (action: FlowAction) => void;
  /** Ask before throwing the entries away (first question's "Cancel"). */
  readonly onCancel: () => void;
  /** Ask "saved?" and then wipe. */
  readonly onFinish: () => void;
  /** With `confirmedBy`: a reissue past the limit, confirmed by a second clerk. */
  readonly onIssue: (confirmedBy?: { clerkId: string; pin: string }) => void;
  /** The same entries again, accepting a certificate that is accepted only briefly. */
  readonly onIssueAnyway: () => void;
  /** Leave without asking (a decision already made on screen): the start, or the clerk's menu. */
  readonly onAbandon: () => void;
  /** The person leaves (use-end-person.ts). */
  readonly onStartOver: () => void;
  /** The clerk signs out, and the person leaves with them (use-end-person.ts). */
  readonly onLock: () => void;
}

export function FlowScreen({
  state,
  dispatch,
  onCancel,
  onFinish,
  onIssue,
  onIssueAnyway,
  onAbandon,
  onStartOver,
  onLock,
}: FlowScreenProps): ReactElement {
  const edit = (patch: Partial<Entry>) => dispatch({ type: 'edit', patch });
  const next = () => dispatch({ type: 'next' });
  const back = () => dispatch({ type: 'back' });
  switch (state.screen) {
    case 'welcome':
      return <WelcomeScreen onStart={() => dispatch({ type: 'start' })} />;
    case 'id': {
      const first = isFirstQuestion(state);
      return (
        <IdScreen
          value={state.entry.id}
          initialError={state.error}
          onChange={(id) => edit({ id })}
          onNext={next}
          onBack={first ? onCancel : back}
          cancel={first}
        />
      );
    }
    case 'name':
      return (
        <NameScreen
          value={state.entry.familyName}
          initialError={state.error}
          onChange={(familyName) => edit({ familyName })}
          onNext={next}
          onBack={back}
        />
      );
    case 'dob':
      return (
        <DobScreen
          value={state.entry.dob}
          initialError={state.error}
          onChange={(dob) => edit({ dob })}
          onNext={next}
          onBack={back}
        />
      );
    case 'reason':
      return (
        <ReasonScreen value={state.entry.reason} onChange={(reason) => edit({ reason })} onNext={next} onBack={back} />
      );
    case 'summary':
      return (
        <SummaryScreen
          entry={state.entry}
          reissue={state.mode === 'reissue'}
          onChange={(target) => dispatch({ type: 'change', screen: target })}
          onConfirm={() => onIssue()}
          onBack={back}
        />
      );
    case 'working':
      return <WorkingScreen />;
    case 'result':
      return <ResultScreen certificate={state.certificate} onFinish={onFinish} />;
    case 'refusal':
      return (
        <RefusalScreen
          error={state.error}
          clerkActive={state.clerkToken !== null}
          onRetry={() => onIssue()}
          onConfirmReissue={(c) => onIssue(c)}
          onCheckEntries={() => dispatch({ type: 'checkEntries' })}
          onReissue={() => dispatch({ type: 'clerkReissue' })}
          onStartOver={onStartOver}
        />
      );
    case 'shortAcceptance':
      return <ShortAcceptanceScreen error={state.error} onIssueAnyway={onIssueAnyway} onCancel={onAbandon} />;
    case 'clerkPin':
      return (
        <ClerkPinScreen
          onUnlocked={(token) => dispatch({ type: 'clerkUnlocked', token })}
          onCancel={() => dispatch({ type: 'cancelClerk' })}
        />
      );
    case 'clerkStatus':
      return (
        <ClerkStatusScreen
          token={state.clerkToken}
          onWalkIn={() => dispatch({ type: 'clerkWalkIn' })}
          onReissue={() => dispatch({ type: 'clerkReissue' })}
          onLock={onLock}
        />
      );
  }
}
