// The inactivity warning (WCAG 2.2.1): a modal dialog with a visible countdown and a
// "More time" button that gets focus (Escape means more time too); "End now" wipes at once.
// The visible countdown is silent (a reading every second would drown everything else); a polite
// live region says the time left when the warning starts and once more at ANNOUNCE_AGAIN seconds.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../app/entry-format';
import { KioskDialog } from './KioskDialog';
import { KioskButton } from './KioskButton';

export interface IdleDialogProps {
  readonly remaining: number;
  readonly onMore: () => void;
  readonly onEnd: () => void;
}

const ANNOUNCE_AGAIN = 10;

export function IdleDialog({ remaining, onMore, onEnd }: IdleDialogProps) {
  const { t } = useTranslation();
  // Filled after the dialog is in the page: a live region's text present from the start is not read.
  const [announced, setAnnounced] = useState<number | null>(null);
  useEffect(() => {
    if (announced === null || (remaining <= ANNOUNCE_AGAIN && announced > ANNOUNCE_AGAIN)) setAnnounced(remaining);
  }, [remaining, announced]);
  return (
    <KioskDialog
      title={t('idle.title')}
      description={<p>{t('idle.text')}</p>}
      onEscape={onMore}
      initialFocus='[data-action="idle-more"]'
      footer={
        <>
          <KioskButton variant="secondary" action="idle-end" onClick={onEnd}>
            {t('idle.end')}
          </KioskButton>
          <KioskButton variant="primary" action="idle-more" onClick={onMore}>
            {t('idle.more')}
          </KioskButton>
        </>
      }
    >
      <p className="kern-body kern-body--large idle-countdown" role="timer" aria-live="off">
        {t('idle.remaining', { time: formatCountdown(remaining) })}
      </p>
      <p className="kern-sr-only" aria-live="polite" data-testid="idle-announcement">
        {announced === null ? '' : t('idle.announce', { seconds: announced })}
      </p>
    </KioskDialog>
  );
}
