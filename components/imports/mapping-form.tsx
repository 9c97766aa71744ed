'use client';

import { useEffect, useMemo, useState, useTransition } from 'react';
import type { FormState } from '@/lib/forms';
import type { ImportMappingInput } from '@/lib/imports/mapping';
import type { PreviewRow } from '@/lib/imports/preview-import';
import { Button } from '../ui/button';
import { Field, Input, Select } from '../ui/field';
import { Notice } from '../ui/notice';
import { FIELD_LABELS, labelOfPath } from './field-labels';
import { Table } from '@/components/ui/table';

type Options = NonNullable<ImportMappingInput['options']>;
type PreviewResult = { rows: PreviewRow[]; mappingErrors: Record<string, string> } | { error: string };

const CONSTANT = '__constant__';

/** Column mapping with constants, value-format options and a live preview of the stored values. */
export function MappingForm(props: {
  headers: string[];
  initial: ImportMappingInput;
  initialPreview: { rows: PreviewRow[]; mappingErrors: Record<string, string> };
  layout: { id: string; name: string; needs: { path: string; label: string }[] } | null;
  proposedFrom: 'layout' | 'column names' | null;
  encodingDetected: boolean;
  detected: { dateFormat: string | null; numberEvidence: string | null; numbersConflict: boolean; currency: string | null };
  encodings: readonly string[];
  encodingNames: Record<string, string>;
  presets: { name: string; mapping: ImportMappingInput }[];
  fields: { account: readonly string[]; post: readonly string[] };
  required: { account: readonly string[]; post: readonly string[] };
  dateFormats: readonly string[];
  platforms: readonly string[];
  preview: (mapping: ImportMappingInput) => Promise<PreviewResult>;
  start: (mapping: ImportMappingInput, layoutId: string | undefined, presetName: string) => Promise<FormState>;
}) {
  const [mapping, setMapping] = useState<ImportMappingInput>(props.initial);
  const [preview, setPreview] = useState<PreviewResult>(props.initialPreview);
  const [presetName, setPresetName] = useState('');
  const [startError, setStartError] = useState<FormState | null>(null);
  const [pending, startTransition] = useTransition();
  const kind = mapping.kind;
  const columns = useMemo(() => mapping.columns ?? {}, [mapping.columns]);
  const constants = useMemo(() => mapping.constants ?? {}, [mapping.constants]);
  const options: Options = mapping.options ?? {};

  useEffect(() => {
    const t = setTimeout(() => props.preview(mapping).then(setPreview), 350);
    return () => clearTimeout(t);
  }, [mapping]); // eslint-disable-line react-hooks/exhaustive-deps

  const errors = 'mappingErrors' in preview ? preview.mappingErrors : {};
  const fieldError = (f: string) => errors[`columns.${f}`] ?? errors[`constants.${f}`];
  const mappedFields = useMemo(
    () => props.fields[kind].filter((f) => f in columns || f in constants),
    [kind, columns, constants, props.fields],
  );

  function setSource(field: string, value: string) {
    const nextColumns = { ...columns };
    const nextConstants = { ...constants };
    delete nextColumns[field];
    delete nextConstants[field];
    if (value === CONSTANT) nextConstants[field] = field === 'platform' ? props.platforms[0] : '';
    else if (value) nextColumns[field] = value;
    setMapping({ ...mapping, columns: nextColumns, constants: nextConstants });
  }
  const setConstant = (field: string, value: string) => setMapping({ ...mapping, constants: { ...constants, [field]: value } });
  /** An answer to a layout's question: a constant for every row (replacing a column mapped to the field). */
  function setNeed(field: string, value: string) {
    const nextColumns = { ...columns };
    delete nextColumns[field];
    setMapping({ ...mapping, columns: nextColumns, constants: { ...constants, [field]: value } });
  }
  const setOption = <K extends keyof Options>(key: K, value: Options[K]) =>
    setMapping({ ...mapping, options: { ...options, [key]: value } });

  function submit() {
    setStartError(null);
    startTransition(async () => {
      const result = await props.start(mapping, props.layout?.id, presetName);
      if (!result.ok) setStartError(result);
    });
  }

  const blocking = Object.entries(errors);
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
      <div className="space-y-6 xl:col-span-2">
        {props.layout ? (
          <Notice title={`Recognised: ${props.layout.name}`} testId="detected-layout">
            <p>The columns are mapped for you.{props.layout.needs.length ? ' The file cannot tell:' : ''}</p>
            {props.layout.needs.length ? (
              <div className="mt-2 space-y-2" data-testid="layout-needs">
                {props.layout.needs.map((need) => {
                  const [where, key] = need.path.split('.');
                  const label = need.label[0].toUpperCase() + need.label.slice(1);
                  return where === 'options' ? (
                    <Field key={need.path} label={label} htmlFor={`need-${key}`} error={errors[need.path] ? 'Required' : undefined}>
                      <Input
                        id={`need-${key}`}
                        inputMode="numeric"
                        value={options.year === undefined ? '' : String(options.year)}
                        onChange={(e) => setOption('year', e.target.value ? Number(e.target.value) : undefined)}
                      />
                    </Field>
                  ) : (
                    <Field key={need.path} label={label} htmlFor={`need-${key}`} error={fieldError(key) ? 'Required' : undefined}>
                      <Input
                        id={`need-${key}`}
                        type={key === 'capturedAt' || key === 'publishedAt' ? 'date' : 'text'}
                        value={constants[key] ?? ''}
                        onChange={(e) => setNeed(key, e.target.value)}
                      />
                    </Field>
                  );
                })}
              </div>
            ) : null}
          </Notice>
        ) : props.proposedFrom === 'column names' ? (
          <Notice title="Proposed from the column names" testId="proposed-mapping">
            No known export layout matches this file, so each field was matched to the column whose name means it. Check them before
            importing.
          </Notice>
        ) : null}
        {props.detected.dateFormat || props.detected.numberEvidence || props.detected.numbersConflict || props.detected.currency ? (
          <Notice tone={props.detected.numbersConflict ? 'warning' : undefined} testId="detected-formats">
            {props.detected.currency ? (
              <p>Amounts are read in {props.detected.currency}, the currency the file&apos;s amounts name.</p>
            ) : null}
            {props.detected.dateFormat ? (
              <p>Dates are read as {props.detected.dateFormat}, the format the file&apos;s dates are in.</p>
            ) : null}
            {props.detected.numbersConflict ? (
              <p>Numbers in this file are written both with a decimal point and with a decimal comma: choose the format below.</p>
            ) : props.detected.numberEvidence ? (
              <p>
                Numbers are read with the decimal mark “{options.decimalSeparator ?? '.'}”, as “{props.detected.numberEvidence}” in the file
                shows.
              </p>
            ) : null}
          </Notice>
        ) : null}
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Each row is" htmlFor="kind">
            <Select
              id="kind"
              value={kind}
              onChange={(e) => setMapping({ kind: e.target.value as 'account' | 'post', columns: {}, constants: {}, options })}
            >
              <option value="post">a post at one moment</option>
              <option value="account">an account at one moment</option>
            </Select>
          </Field>
          {props.presets.length ? (
            <Field label="Apply a saved preset" htmlFor="preset">
              <Select
                id="preset"
                value=""
                onChange={(e) => e.target.value && setMapping(props.presets.find((p) => p.name === e.target.value)!.mapping)}
              >
                <option value="">—</option>
                {props.presets.map((p) => (
                  <option key={p.name}>{p.name}</option>
                ))}
              </Select>
            </Field>
          ) : null}
        </div>

        <fieldset className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
          <legend className="px-1 text-sm font-semibold text-gray-900">Columns</legend>
          <div className="space-y-3">
            {props.fields[kind].map((field) => {
              const source = field in columns ? columns[field] : field in constants ? CONSTANT : '';
              const required = props.required[kind].includes(field);
              return (
                <div key={field}>
                  <div className="grid grid-cols-5 items-center gap-2">
                    <label htmlFor={`map-${field}`} className="col-span-2 text-sm text-gray-700">
                      {FIELD_LABELS[field] ?? field}
                      {required ? <span className="text-red-600"> *</span> : null}
                    </label>
                    <Select
                      id={`map-${field}`}
                      className="col-span-3"
                      value={source}
                      onChange={(e) => setSource(field, e.target.value)}
                      invalid={!!fieldError(field)}
                    >
                      <option value="">— not in this file —</option>
                      <option value={CONSTANT}>Same value for every row…</option>
                      {props.headers.map((h) => (
                        <option key={h} value={h}>
                          Column “{h}”
                        </option>
                      ))}
                    </Select>
                  </div>
                  {source === CONSTANT ? (
                    <div className="mt-1 grid grid-cols-5 gap-2">
                      <div className="col-span-3 col-start-3">
                        {field === 'platform' ? (
                          <Select
                            aria-label={`${FIELD_LABELS[field]} value`}
                            value={constants[field]}
                            onChange={(e) => setConstant(field, e.target.value)}
                          >
                            {props.platforms.map((p) => (
                              <option key={p}>{p}</option>
                            ))}
                          </Select>
                        ) : (
                          <Input
                            aria-label={`${FIELD_LABELS[field] ?? field} value`}
                            type={field === 'capturedAt' || field === 'publishedAt' ? 'date' : 'text'}
                            value={constants[field] ?? ''}
                            onChange={(e) => setConstant(field, e.target.value)}
                          />
                        )}
                      </div>
                    </div>
                  ) : null}
                  {fieldError(field) ? <p className="mt-1 text-right text-xs text-red-600">{fieldError(field)}</p> : null}
                </div>
              );
            })}
          </div>
        </fieldset>

        <fieldset className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
          <legend className="px-1 text-sm font-semibold text-gray-900">How values are written</legend>
          <div className="col-span-2">
            <Field
              label="Text encoding"
              htmlFor="opt-encoding"
              error={errors['options.encoding']}
              hint={props.encodingDetected && options.encoding ? 'Detected from the file; change it if titles look wrong.' : undefined}
            >
              <Select
                id="opt-encoding"
                value={options.encoding ?? 'utf-8'}
                invalid={!!errors['options.encoding']}
                onChange={(e) => setOption('encoding', e.target.value as Options['encoding'])}
              >
                {props.encodings.map((e) => (
                  <option key={e} value={e}>
                    {props.encodingNames[e] ?? e}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label="Date format" htmlFor="opt-date">
            <Select
              id="opt-date"
              value={options.dateFormat ?? 'iso'}
              onChange={(e) => setOption('dateFormat', e.target.value as Options['dateFormat'])}
            >
              {props.dateFormats.map((f) => (
                <option key={f} value={f}>
                  {f === 'iso' ? 'ISO 8601 (2024-03-01…)' : f === 'unix' ? 'Unix timestamp' : f}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Year of dates without one" htmlFor="opt-year" error={errors['options.year']}>
            <Input
              id="opt-year"
              inputMode="numeric"
              value={options.year === undefined ? '' : String(options.year)}
              invalid={!!errors['options.year']}
              onChange={(e) => setOption('year', e.target.value ? Number(e.target.value) : undefined)}
            />
          </Field>
          <Field label="Time zone" htmlFor="opt-tz" error={errors['options.timeZone']}>
            <Input id="opt-tz" value={options.timeZone ?? 'UTC'} onChange={(e) => setOption('timeZone', e.target.value)} />
          </Field>
          <Field label="Bare rates are" htmlFor="opt-rate">
            <Select
              id="opt-rate"
              value={options.rateUnit ?? 'fraction'}
              onChange={(e) => setOption('rateUnit', e.target.value as 'fraction' | 'percent')}
            >
              <option value="fraction">fractions (0.0139)</option>
              <option value="percent">percent (1.39)</option>
            </Select>
          </Field>
          <Field label="Thousands separator" htmlFor="opt-thousands">
            <Select
              id="opt-thousands"
              value={options.thousandsSeparator ?? ','}
              onChange={(e) => setOption('thousandsSeparator', e.target.value as Options['thousandsSeparator'])}
            >
              <option value=",">, (1,234)</option>
              <option value=".">. (1.234)</option>
              <option value=" ">space (1 234)</option>
              <option value="">none</option>
            </Select>
          </Field>
          <Field label="Decimal mark" htmlFor="opt-decimal">
            <Select
              id="opt-decimal"
              value={options.decimalSeparator ?? '.'}
              onChange={(e) => setOption('decimalSeparator', e.target.value as '.' | ',')}
            >
              <option value=".">. (3.3k)</option>
              <option value=",">, (3,3k)</option>
            </Select>
          </Field>
          <Field label="Tag separator" htmlFor="opt-tags">
            <Input id="opt-tags" value={options.tagSeparator ?? '|'} onChange={(e) => setOption('tagSeparator', e.target.value)} />
          </Field>
          <Field label="Currency of revenue and cost" htmlFor="opt-currency" error={errors['options.currency']}>
            <Input
              id="opt-currency"
              value={options.currency ?? 'USD'}
              onChange={(e) => setOption('currency', e.target.value.toUpperCase())}
            />
          </Field>
        </fieldset>
      </div>

      <div className="space-y-4 xl:col-span-3">
        <div className="rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <div className="border-b border-gray-100 px-4 py-3">
            <h2 className="text-sm font-semibold text-gray-900">Preview: what will be stored</h2>
            <p className="text-xs text-gray-500">
              The first rows of the file read with this mapping. Unknown values stay unknown, never 0.
            </p>
          </div>
          {'error' in preview ? (
            <div className="p-4">
              <Notice tone="error">{preview.error}</Notice>
            </div>
          ) : (
            <Table className="text-xs" data-testid="preview">
              <thead>
                <tr className="text-left text-gray-500">
                  <th className="px-3 py-2 font-medium">Line</th>
                  {mappedFields.map((f) => (
                    <th key={f} className="whitespace-nowrap px-3 py-2 font-medium">
                      {FIELD_LABELS[f] ?? f}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {preview.rows.map((row) => (
                  <tr key={row.line}>
                    <td className="px-3 py-2 tabular-nums text-gray-500">{row.line}</td>
                    {row.error ? (
                      <td colSpan={mappedFields.length} className="px-3 py-2 text-red-700">
                        {row.error}
                      </td>
                    ) : (
                      mappedFields.map((f) => (
                        <td key={f} className="max-w-[16rem] truncate px-3 py-2 text-gray-900" title={row.values?.[f]}>
                          {row.values?.[f] ?? <span className="text-gray-500">{row.raw[props.headers.indexOf(columns[f])]}</span>}
                        </td>
                      ))
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>

        {blocking.length ? (
          <Notice tone="warning" title="Before importing" testId="mapping-problems">
            <ul className="list-disc pl-5">
              {blocking.map(([path, problem]) => (
                <li key={path}>
                  {labelOfPath(path)} {problem}
                </li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {startError?.message ? <Notice tone="error">{startError.message}</Notice> : null}
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-64">
            <Field label="Save this mapping as (optional)" htmlFor="preset-name">
              <Input
                id="preset-name"
                value={presetName}
                placeholder="e.g. Monthly YouTube export"
                onChange={(e) => setPresetName(e.target.value)}
              />
            </Field>
          </div>
          <Button type="button" onClick={submit} disabled={pending || blocking.length > 0}>
            {pending ? 'Starting…' : 'Start import'}
          </Button>
        </div>
      </div>
    </div>
  );
}
