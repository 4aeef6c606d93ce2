// On-screen keyboard for the Genesenen-ID: exactly the characters an ID can contain
// (Crockford base32: digits and letters without I, L, O, U), big keys, plus delete.
import { useTranslation } from 'react-i18next';
import { BackspaceKey, ClearKey, KeyButton } from './KeyButton';

const ROWS = ['1234567890', 'ABCDEFGHJK', 'MNPQRSTVWX', 'YZ'] as const;

export interface IdKeyboardProps {
  readonly onChar: (ch: string) => void;
  readonly onBackspace: () => void;
  readonly onClear: () => void;
}

export function IdKeyboard({ onChar, onBackspace, onClear }: IdKeyboardProps) {
  const { t } = useTranslation();
  return (
    <div className="kiosk-keyboard kiosk-keyboard--id" role="group" aria-label={t('keyboard.label')} dir="ltr">
      {ROWS.map((row) => (
        <div className="kiosk-keyboard__row" key={row}>
          {[...row].map((ch) => (
            <KeyButton key={ch} testKey={ch} onPress={() => onChar(ch)}>
              {ch}
            </KeyButton>
          ))}
          {row === 'YZ' ? (
            <>
              <BackspaceKey wide onPress={onBackspace} />
              <ClearKey wide onPress={onClear} />
            </>
          ) : null}
        </div>
      ))}
    </div>
  );
}
