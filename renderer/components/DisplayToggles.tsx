// "A+" (larger text) and "Kontrast" in the header of every screen: toggle buttons with
// aria-pressed, big enough to tap, in the tab order. They change only how the screen looks, never
// what was entered; the wipe resets them (app/use-display-options.ts). On narrow landscape screens
// only their signs show (frame.css); the translated label stays their accessible name.
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { KioskButton } from './KioskButton';

export function DisplayToggles() {
  const { t } = useTranslation();
  const { display, setDisplay } = useKiosk();
  return (
    <>
      <KioskButton
        variant="secondary"
        action="text-size"
        className="header-tool"
        aria-pressed={display.largeText}
        onClick={() => setDisplay({ ...display, largeText: !display.largeText })}
      >
        {/* "A+" is part of the name: where the label is hidden for room it is all that shows. */}
        <span className="header-tool__sign" lang="en" dir="ltr">
          A+
        </span>
        <span className="header-tool__text">{t('display.textSize')}</span>
      </KioskButton>
      <KioskButton
        variant="secondary"
        action="contrast"
        className="header-tool"
        aria-pressed={display.contrast}
        onClick={() => setDisplay({ ...display, contrast: !display.contrast })}
      >
        <span aria-hidden="true" className="header-tool__sign">
          ◐
        </span>
        <span className="header-tool__text">{t('display.contrast')}</span>
      </KioskButton>
    </>
  );
}
