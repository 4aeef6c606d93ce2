// On-screen keyboard for the family name: German QWERTZ with Ä Ö Ü ß, hyphen and
// apostrophe; a second page with the letters of other European alphabets (ç ş ğ ı İ ł ą ę ó ś
// ź ż ń é è à ø å æ …) and a Cyrillic page (the health office may have recorded a Cyrillic name;
// core matches it by ICAO transliteration either way). Keys show the case they will type.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { letterForPosition } from '../app/entry-format';
import { BackspaceKey, ClearKey, KeyButton } from './KeyButton';

type Page = 'basic' | 'more' | 'cyrillic';

const PAGES: Readonly<Record<Page, readonly string[]>> = {
  basic: ['qwertzuiopü', 'asdfghjklöä', "yxcvbnmß-'"],
  more: ['çşğıİłąęóśź', 'żńćéèêëàáâã', 'øåæœñíìîïúù', 'ûčšžřďťňőűý'],
  cyrillic: ['абвгґдеєёжз', 'иіїйклмнопр', 'стуфхцчшщъы', 'ьэюя'],
};

const PAGE_LABEL: Readonly<Record<Page, string>> = {
  basic: 'keyboard.basicLetters',
  more: 'keyboard.moreLetters',
  cyrillic: 'keyboard.cyrillic',
};

export interface LetterKeyboardProps {
  readonly value: string;
  readonly onChar: (ch: string) => void;
  readonly onBackspace: () => void;
  readonly onClear: () => void;
  /** Word-initial capitals as names are written; off for free text (the clerk's reason). */
  readonly capitals?: boolean;
}

export function LetterKeyboard({ value, onChar, onBackspace, onClear, capitals = true }: LetterKeyboardProps) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>('basic');
  return (
    <div className="kiosk-keyboard kiosk-keyboard--letters" role="group" aria-label={t('keyboard.label')} dir="ltr">
      <div className="kiosk-keyboard__pages" role="group">
        {(Object.keys(PAGES) as Page[]).map((p) => (
          <KeyButton key={p} wide testKey={`page-${p}`} pressed={page === p} onPress={() => setPage(p)}>
            {t(PAGE_LABEL[p])}
          </KeyButton>
        ))}
      </div>
      {PAGES[page].map((row) => (
        <div className="kiosk-keyboard__row" key={row}>
          {[...row].map((key) => {
            const ch = key === '-' || key === "'" || !capitals ? key : letterForPosition(key, value);
            return (
              <KeyButton key={key} testKey={key} onPress={() => onChar(ch)}>
                {ch}
              </KeyButton>
            );
          })}
        </div>
      ))}
      <div className="kiosk-keyboard__row">
        <KeyButton wide testKey="space" onPress={() => onChar(' ')}>
          {t('keyboard.space')}
        </KeyButton>
        <BackspaceKey wide onPress={onBackspace} />
        <ClearKey wide onPress={onClear} />
      </div>
    </div>
  );
}
