// Value-set membership for the DCC schema's `valueset-uri` annotations (docs/dcc-notes.md §1.3: the schema
// does not check value-set membership). The official files are copied into core/dcc/schema/valuesets
// so the kiosk can check codes offline; a code outside its set makes the payload SCHEMA_INVALID.
import countries from './schema/valuesets/country-2-codes.json';
import diseases from './schema/valuesets/disease-agent-targeted.json';
import testResults from './schema/valuesets/test-result.json';
import testTypes from './schema/valuesets/test-type.json';
import vaccineEncoding from './schema/valuesets/vaccine-encoding-instructions.json';
import vaccineManufacturers from './schema/valuesets/vaccine-mah-manf.json';
import vaccineProducts from './schema/valuesets/vaccine-medicinal-product.json';
import vaccineProphylaxis from './schema/valuesets/vaccine-prophylaxis.json';

interface ValueSetFile {
  readonly valueSetValues: Readonly<Record<string, unknown>>;
}

const codes = (file: ValueSetFile): ReadonlySet<string> => new Set(Object.keys(file.valueSetValues));

/**
 * Keyed by the schema's `valueset-uri` value. `valuesets/test-manf.json` is deliberately absent:
 * upstream only publishes an example list (the real one is the JRC device database), so
 * `t[0].ma` cannot be checked offline and is accepted as any string.
 */
const VALUE_SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['valuesets/country-2-codes.json', codes(countries)],
  ['valuesets/disease-agent-targeted.json', codes(diseases)],
  ['valuesets/test-result.json', codes(testResults)],
  ['valuesets/test-type.json', codes(testTypes)],
  ['valuesets/vaccine-encoding-instructions.json', codes(vaccineEncoding)],
  ['valuesets/vaccine-mah-manf.json', codes(vaccineManufacturers)],
  ['valuesets/vaccine-medicinal-product.json', codes(vaccineProducts)],
  ['valuesets/vaccine-prophylaxis.json', codes(vaccineProphylaxis)],
]);

/** true when `value` is a member of the value set named by `uri`, or the set is not checkable offline. */
export function isInValueSet(uri: string, value: string): boolean {
  const set = VALUE_SETS.get(uri);
  return set === undefined ? true : set.has(value);
}

/** The ISO 3166-1 alpha-2 codes of the `country-2-codes` value set (for `co` and `iss`). */
export const isKnownCountryCode = (code: string): boolean =>
  VALUE_SETS.get('valuesets/country-2-codes.json')!.has(code);
