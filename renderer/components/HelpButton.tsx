// "Hilfe" on every screen: explains the current step in a dialog and says how to reach staff, so
// nobody is stuck with a question the screen does not answer. Focus returns to the button. Where the
// platform can speak, the dialog also tells how to turn on audio mode and offers it as a toggle
// (app/use-speech-output.ts, docs/speech-output.md).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskDialog } from './KioskDialog';
import { KioskButton } from './KioskButton';

/** Screens with their own help text; every other screen gets the general one. */
const OWN_HELP = new Set(['welcome', 'id', 'name', 'dob', 'summary', 'shortAcceptance', 'result']);

/** Audio mode's state and switch; null where the platform offers no speech synthesis. */
export interface HelpSpeech {
  readonly on: boolean;
  readonly toggle: () => void;
}

export function HelpButton({ screen, speech }: { readonly screen: string; readonly speech: HelpSpeech | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <KioskButton
        variant="secondary"
        action="help"
        className="header-tool"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">? </span>
        {t('help.button')}
      </KioskButton>
      {open ? (
        <HelpDialog
          title={t('help.title')}
          text={t(`help.${OWN_HELP.has(screen) ? screen : 'general'}`)}
          staff={t('help.staff')}
          close={t('help.close')}
          speech={speech}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

interface HelpDialogProps {
  readonly title: string;
  readonly text: string;
  readonly staff: string;
  readonly close: string;
  readonly speech: HelpSpeech | null;
  readonly onClose: () => void;
}

function HelpDialog({ title, text, staff, close, speech, onClose }: HelpDialogProps) {
  const { t } = useTranslation();
  return (
    <KioskDialog
      name="help"
      title={title}
      description={
        <>
          <p>{text}</p>
          <p className="help-staff">{staff}</p>
          {speech ? <p className="help-speech">{t('speech.hint')}</p> : null}
        </>
      }
      onEscape={onClose}
      initialFocus='[data-action="help-close"]'
      footer={
        <>
          {speech ? (
            <KioskButton variant="secondary" action="speech" aria-pressed={speech.on} onClick={speech.toggle}>
              {t('speech.toggle')}
            </KioskButton>
          ) : null}
          <KioskButton variant="primary" action="help-close" onClick={onClose}>
            {close}
          </KioskButton>
        </>
      }
    />
  );
}
