'use client';

import { FormField, useActionFormState } from '@/components/ui/action-form';
import { Input, Select } from '@/components/ui/field';

/** Platform and channel URL / handle of an account to track; keeps what was typed after a refusal. */
export function TrackAccountFields({ platforms }: { platforms: { value: string; label: string }[] }) {
  const state = useActionFormState();
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-[12rem_1fr]">
      <FormField name="platform" label="Platform" htmlFor="track-platform">
        <Select id="track-platform" name="platform" defaultValue={state.values?.platform ?? platforms[0]?.value}>
          {platforms.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField name="account" label="Profile or channel URL, channel id or handle" htmlFor="track-account">
        <Input
          id="track-account"
          name="account"
          required
          placeholder="https://www.youtube.com/@channel, https://www.instagram.com/username, https://www.tiktok.com/@username, a Twitch or Dailymotion URL, or @handle"
          defaultValue={state.values?.account ?? ''}
        />
      </FormField>
    </div>
  );
}
