import { closest } from 'fastest-levenshtein';
import { ValidationError } from '../errors';
import { detectDateFormat } from './layouts';
import { ACCOUNT_FIELDS, FIELD_TYPES, OPTION_KEYS, POST_FIELDS, type ImportField, type ImportMappingInput } from './mapping';
import type { CsvRecord } from './read-csv';
import { currencyOfCell, DATE_FORMATS, detectNumberFormat, quote, type DateFormat } from './values';

/**
 * Adds what the user states to a mapping (the CLI's `--set field=value`, the upload form's answers
 * to a layout's questions): a field of the mapping's kind becomes a constant for every row
 * (replacing a column mapped to it), an option key sets that option. Values are validated later,
 * with the whole mapping (lib/imports/mapping `mappingSchema`).
 * @throws ValidationError naming a key that is neither, and the nearest known one.
 */
export function applySettings(mapping: ImportMappingInput, settings: Record<string, string>): ImportMappingInput {
  const fields: readonly string[] = mapping.kind === 'account' ? ACCOUNT_FIELDS : POST_FIELDS;
  const columns = { ...mapping.columns };
  const constants = { ...mapping.constants };
  const options: Record<string, unknown> = { ...mapping.options };
  for (const [key, value] of Object.entries(settings)) {
    if (fields.includes(key)) {
      delete columns[key];
      constants[key] = value;
    } else if ((OPTION_KEYS as readonly string[]).includes(key)) options[key] = value;
    else {
      const nearest = closest(key.slice(0, 100), [...fields, ...OPTION_KEYS]);
      const shown = key.length > 100 ? quote(key) : key;
      throw new ValidationError(`--set ${shown}: not a ${mapping.kind}-level field or an option (did you mean "${nearest}"?)`, {
        [shown]: `is not a field or an option (did you mean "${nearest}"?)`,
      });
    }
  }
  return { ...mapping, columns, constants, options: options as ImportMappingInput['options'] };
}

/**
 * Adjusts a proposed mapping to the file's values, from its first rows: the currency, when the
 * money cells name one ("€", "GBP"); the date format, when the
 * stated one does not read the date columns' values but another format reads them all (a Studio
 * export re-saved by Excel writes "3-Jun-26"); the decimal mark and thousands separator, when the
 * values show them ("12,5", "1.234,56"). Returns what was detected, for the preview to show.
 */
export function adaptToValues(
  mapping: ImportMappingInput,
  headers: string[],
  rows: CsvRecord[],
): {
  mapping: ImportMappingInput;
  dateFormat: DateFormat | null;
  numberEvidence: string | null;
  numbersConflict: boolean;
  currency: string | null;
} {
  const index = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const valuesOf = (types: string[]) =>
    Object.entries(mapping.columns ?? {})
      .filter(([field]) => types.includes(FIELD_TYPES[field as ImportField]))
      .flatMap(([, column]) => {
        const i = index.get(column.trim().toLowerCase());
        return i === undefined ? [] : rows.map((r) => r.cells[i] ?? '');
      });
  const options = { ...mapping.options };
  let dateFormat: DateFormat | null = null;
  const dates = valuesOf(['date']).filter((v) => v.trim() !== '');
  const stated = (options.dateFormat ?? 'iso') as DateFormat;
  if (dates.length && detectDateFormat(dates, stated) !== stated) {
    dateFormat = detectDateFormat(dates);
    if (dateFormat && (DATE_FORMATS as readonly string[]).includes(dateFormat)) options.dateFormat = dateFormat;
  }
  // The currency the money cells name, when they name one and the mapping states another.
  const named = valuesOf(['money'])
    .map((v) => (v.trim() ? currencyOfCell(v) : null))
    .find((c) => c !== null && c !== '$');
  const currency = named && named !== (options.currency ?? 'USD') ? named : null;
  if (currency) options.currency = currency;
  const numbers = detectNumberFormat(valuesOf(['count', 'rate', 'money']));
  if (numbers.evidence && !numbers.conflicting) {
    options.decimalSeparator = numbers.decimalSeparator;
    options.thousandsSeparator = numbers.thousandsSeparator;
  }
  return {
    mapping: { ...mapping, options },
    dateFormat,
    numberEvidence: numbers.evidence,
    numbersConflict: numbers.conflicting,
    currency,
  };
}
