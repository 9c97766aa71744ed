'use client';

import { ActionForm, FormField, useActionFormState } from '@/components/ui/action-form';
import { Input, Select } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/forms';

/** The form's initial values, as strings (amounts in major units). */
export type CampaignFormValues = Partial<Record<string, string>>;

const textarea =
  'block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600';

/** Create / edit form of a campaign; field names match lib/campaigns campaignInputSchema. */
export function CampaignForm({
  action,
  values = {},
  submitLabel,
}: {
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  values?: CampaignFormValues;
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} testId="campaign-form" className="space-y-6">
      <CampaignFields values={values} submitLabel={submitLabel} />
    </ActionForm>
  );
}

/** The fields, inside the ActionForm: after a refused save they show what was sent, not the stored values. */
function CampaignFields({ values: initial, submitLabel }: { values: CampaignFormValues; submitLabel: string }) {
  const values = useActionFormState().values ?? initial;
  const text = (
    name: string,
    label: string,
    props: { hint?: string; placeholder?: string; type?: string; inputMode?: 'numeric' | 'decimal' } = {},
  ) => (
    <FormField name={name} label={label} htmlFor={`campaign-${name}`} hint={props.hint}>
      <Input
        id={`campaign-${name}`}
        name={name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        defaultValue={values[name] ?? ''}
      />
    </FormField>
  );
  return (
    <>
      <Panel title="Campaign" description="What it is and who sees it">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <div className="md:col-span-2">{text('name', 'Name', { placeholder: 'Spring trail launch' })}</div>
          <div className="md:col-span-2">
            <FormField
              name="description"
              label="Description"
              htmlFor="campaign-description"
              hint="Shown to influencers on a public campaign"
            >
              <textarea
                id="campaign-description"
                name="description"
                rows={2}
                className={textarea}
                defaultValue={values.description ?? ''}
              />
            </FormField>
          </div>
          <div className="md:col-span-2">
            <FormField name="brief" label="Brief" htmlFor="campaign-brief" hint="Deliverables, talking points, do's and don'ts">
              <textarea id="campaign-brief" name="brief" rows={5} className={textarea} defaultValue={values.brief ?? ''} />
            </FormField>
          </div>
          {text('category', 'Niche', { placeholder: 'Outdoors', hint: 'Matched against influencer niches in discovery' })}
          <FormField
            name="visibility"
            label="Visibility"
            htmlFor="campaign-visibility"
            hint="Public campaigns of approved brands are listed for influencers"
          >
            <Select id="campaign-visibility" name="visibility" defaultValue={values.visibility ?? 'private'}>
              <option value="private">Private — by invitation</option>
              <option value="public">Public — influencers can apply</option>
            </Select>
          </FormField>
        </div>
      </Panel>
      <Panel title="Budget and dates">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-4">
          {text('budget', 'Budget', { inputMode: 'decimal', placeholder: '30000' })}
          {text('currency', 'Currency', { placeholder: 'USD', hint: 'ISO code' })}
          {text('startsOn', 'Starts on', { type: 'date' })}
          {text('endsOn', 'Ends on', { type: 'date' })}
          {text('maxInfluencers', 'Maximum influencers', { inputMode: 'numeric', hint: 'Blank: no limit' })}
          {text('taskProgressWeight', 'Deliverables weight (%)', {
            inputMode: 'numeric',
            hint: 'Share of progress from deliverables; goals get the rest',
          })}
          <div className="md:col-span-2">
            {text('trackingKeywords', 'Tracking keywords', {
              placeholder: '#springtrail, spring trail',
              hint: 'Comma separated; posts mentioning one within the dates are proposed for review',
            })}
          </div>
        </div>
      </Panel>
      <Panel title="Goals" description="Targets the campaign report measures progress against; leave blank what you do not target">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          {text('goalImpressions', 'Impressions', { inputMode: 'numeric' })}
          {text('goalViews', 'Views', { inputMode: 'numeric' })}
          {text('goalEngagements', 'Engagements', { inputMode: 'numeric' })}
          {text('goalClicks', 'Clicks', { inputMode: 'numeric' })}
          {text('goalConversions', 'Conversions', { inputMode: 'numeric' })}
          {text('goalRevenue', 'Revenue', { inputMode: 'decimal', hint: 'In the campaign currency' })}
        </div>
      </Panel>
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </>
  );
}
