// Numeric keypad for the date of birth and the clerk PIN: 3×4 like a phone, big keys.
import { useTranslation } from 'react-i18next';
import { BackspaceKey, ClearKey, KeyButton } from './KeyButton';

export interface NumericKeypadProps {
  readonly onDigit: (digit: string) => void;
  readonly onBackspace: () => void;
  readonly onClear: () => void;
}

export function NumericKeypad({ onDigit, onBackspace, onClear }: NumericKeypadProps) {
  const { t } = useTranslation();
  const digit = (d: string) => (
    <KeyButton key={d} testKey={d} onPress={() => onDigit(d)}>
      {d}
    </KeyButton>
  );
  return (
    <div className="kiosk-keyboard kiosk-keyboard--numeric" role="group" aria-label={t('keyboard.digits')} dir="ltr">
      <div className="kiosk-keyboard__row">{['1', '2', '3'].map(digit)}</div>
      <div className="kiosk-keyboard__row">{['4', '5', '6'].map(digit)}</div>
      <div className="kiosk-keyboard__row">{['7', '8', '9'].map(digit)}</div>
      <div className="kiosk-keyboard__row">
        <ClearKey text onPress={onClear} />
        {digit('0')}
        <BackspaceKey text onPress={onBackspace} />
      </div>
    </div>
  );
}
