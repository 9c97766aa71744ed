'use client';

import { useState } from 'react';
import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input, Select } from '@/components/ui/field';
import { PLATFORM_OPTIONS } from '@/lib/platforms';

export type DeliverableDraft = { title: string; platform: string; dueOn: string };

/**
 * The fields of an offer round: fee (in the campaign currency), due date, terms and the
 * deliverables requested (rows with a blank title are ignored).
 */
export function OfferTermsFields({
  currency,
  defaults,
  idPrefix = 'offer',
}: {
  currency: string;
  defaults?: { fee?: string; dueOn?: string; terms?: string; deliverables?: DeliverableDraft[] };
  idPrefix?: string;
}) {
  const state = useActionFormState();
  const v = (k: string, d = '') => state.values?.[k] ?? d;
  const initial = defaults?.deliverables?.length ? defaults.deliverables : [{ title: '', platform: 'instagram', dueOn: '' }];
  const [rows, setRows] = useState<DeliverableDraft[]>(initial);
  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField name="fee" label={`Fee (${currency})`} htmlFor={id('fee')} hint="0 for a product-only deal">
          <Input id={id('fee')} name="fee" inputMode="decimal" defaultValue={v('fee', defaults?.fee ?? '')} placeholder="1,500" required />
        </FormField>
        <FormField name="dueOn" label="Due by" htmlFor={id('dueOn')} hint="Optional overall due date">
          <Input id={id('dueOn')} name="dueOn" type="date" defaultValue={v('dueOn', defaults?.dueOn ?? '')} />
        </FormField>
      </div>
      <FormField name="terms" label="Terms" htmlFor={id('terms')} hint="Usage rights, exclusivity, payment terms…">
        <textarea
          id={id('terms')}
          name="terms"
          rows={3}
          maxLength={4000}
          defaultValue={v('terms', defaults?.terms ?? '')}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium text-gray-900">Deliverables</legend>
        {state.fieldErrors?.deliverables ? <p className="mt-1 text-sm text-red-600">{state.fieldErrors.deliverables}</p> : null}
        {Object.entries(state.fieldErrors ?? {})
          .filter(([k]) => k.startsWith('deliverables.'))
          .map(([k, msg]) => (
            <p key={k} className="mt-1 text-sm text-red-600">
              Deliverable {Number(k.split('.')[1]) + 1}: {msg}
            </p>
          ))}
        <div className="mt-2 space-y-2">
          {rows.map((row, i) => {
            const set = (patch: Partial<DeliverableDraft>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            // The title keeps a usable width wherever the form sits (a side panel too); platform and
            // date wrap below it when there is no room.
            return (
              <div key={i} className="flex flex-wrap gap-2">
                <Input
                  name="deliverableTitle"
                  aria-label={`Deliverable ${i + 1}`}
                  placeholder="e.g. One Reel wearing the jacket"
                  value={row.title}
                  onChange={(e) => set({ title: e.target.value })}
                  className="min-w-56 flex-1 basis-56"
                />
                <Select
                  name="deliverablePlatform"
                  aria-label={`Platform of deliverable ${i + 1}`}
                  value={row.platform}
                  onChange={(e) => set({ platform: e.target.value })}
                  className="w-40 flex-none"
                >
                  {PLATFORM_OPTIONS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
                <Input
                  name="deliverableDueOn"
                  type="date"
                  aria-label={`Due date of deliverable ${i + 1}`}
                  value={row.dueOn}
                  onChange={(e) => set({ dueOn: e.target.value })}
                  className="w-40 flex-none"
                />
              </div>
            );
          })}
        </div>
        {rows.length < 10 ? (
          <button
            type="button"
            className="mt-2 text-sm font-medium text-indigo-600 hover:text-indigo-500"
            onClick={() => setRows([...rows, { title: '', platform: rows.at(-1)?.platform ?? 'instagram', dueOn: '' }])}
          >
            + Add a deliverable
          </button>
        ) : null}
      </fieldset>
    </div>
  );
}
