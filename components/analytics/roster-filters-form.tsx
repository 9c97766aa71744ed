import Link from 'next/link';
import type { ReactNode } from 'react';
import { withParams } from '@/components/analytics/search-params';
import { AUDIENCE_AGE_BANDS, DEFAULT_AUDIENCE_MIN_PERCENT, TIERS, type RosterFilters } from '@/lib/analytics/list-roster';
import { PLATFORMS } from '@/lib/imports/mapping';

const inputClass = 'block w-full rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500';

/**
 * The roster's filter form (text, platform, niche, country, tier, followers and engagement-rate
 * ranges; audience country, age and gender from first-party demographics; connected creators only) as a GET form to `path`, shared by the roster and discovery; `children` adds fields.
 * The current sort is carried in a hidden field unless `sortField` says the children hold a
 * `sort` control of their own (a second `sort` would win over the one the user picked; the
 * direction then follows the sort).
 */
export function RosterFiltersForm({
  path,
  filters: f,
  options,
  filtered,
  sortField = false,
  children,
}: {
  path: string;
  filters: Pick<
    RosterFilters,
    | 'q'
    | 'platform'
    | 'category'
    | 'country'
    | 'tier'
    | 'minFollowers'
    | 'maxFollowers'
    | 'minEr'
    | 'maxEr'
    | 'audienceCountry'
    | 'audienceAge'
    | 'audienceGender'
    | 'audienceMin'
    | 'connected'
    | 'credibility'
    | 'dir'
  > & { sort: string };
  options: { categories: string[]; countries: string[] };
  filtered: boolean;
  sortField?: boolean;
  children?: ReactNode;
}) {
  return (
    <form method="get" action={path} className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8" aria-label="Filters">
      {sortField ? null : (
        <>
          <input type="hidden" name="sort" value={f.sort} />
          <input type="hidden" name="dir" value={f.dir} />
        </>
      )}
      {children}
      <label className="col-span-2 text-xs font-medium text-gray-600">
        Search
        <input name="q" defaultValue={f.q} placeholder="Name or handle" className={inputClass} />
      </label>
      <label className="text-xs font-medium text-gray-600">
        Platform
        <select name="platform" defaultValue={f.platform ?? ''} className={inputClass}>
          <option value="">Any</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-gray-600">
        Niche
        <select name="category" defaultValue={f.category} className={inputClass}>
          <option value="">Any</option>
          {options.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-gray-600">
        Country
        <select name="country" defaultValue={f.country} className={inputClass}>
          <option value="">Any</option>
          {options.countries.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-gray-600">
        Tier
        <select name="tier" defaultValue={f.tier ?? ''} className={inputClass}>
          <option value="">Any</option>
          {TIERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <RangeFields
        legend="Followers"
        names={['minFollowers', 'maxFollowers']}
        values={[f.minFollowers, f.maxFollowers]}
        inputMode="numeric"
        unit="followers"
      />
      <RangeFields
        legend="Engagement rate %"
        names={['minEr', 'maxEr']}
        values={[f.minEr, f.maxEr]}
        inputMode="decimal"
        unit="engagement rate (%)"
      />
      <label className="text-xs font-medium text-gray-600">
        Audience country
        <input
          name="audienceCountry"
          defaultValue={f.audienceCountry ?? ''}
          placeholder="e.g. US"
          maxLength={2}
          autoCapitalize="characters"
          className={`${inputClass} uppercase placeholder:normal-case`}
        />
      </label>
      <label className="text-xs font-medium text-gray-600">
        Audience age
        <select name="audienceAge" defaultValue={f.audienceAge ?? ''} className={inputClass}>
          <option value="">Any</option>
          {AUDIENCE_AGE_BANDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-gray-600">
        Audience gender
        <select name="audienceGender" defaultValue={f.audienceGender ?? ''} className={inputClass}>
          <option value="">Any</option>
          <option value="female">Women</option>
          <option value="male">Men</option>
        </select>
      </label>
      <label className="text-xs font-medium text-gray-600">
        Audience share ≥ %
        <input
          name="audienceMin"
          inputMode="decimal"
          defaultValue={f.audienceMin ?? ''}
          placeholder={String(DEFAULT_AUDIENCE_MIN_PERCENT)}
          className={inputClass}
        />
      </label>
      <label className="text-xs font-medium text-gray-600">
        Engagement concentration
        <select name="credibility" defaultValue={f.credibility ?? ''} className={inputClass}>
          <option value="">Any</option>
          <option value="clear">Judged, not flagged</option>
          <option value="flagged">Flagged (CV past 1.5)</option>
        </select>
      </label>
      <label className="flex items-end gap-2 pb-1.5 text-xs font-medium text-gray-600">
        <input
          type="checkbox"
          name="connected"
          value="1"
          defaultChecked={f.connected === '1'}
          className="rounded border-gray-300 text-indigo-600"
        />
        Connected accounts only
      </label>
      <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-8">
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          Apply filters
        </button>
        {filtered ? (
          <Link href={withParams(path, {}, { sort: f.sort, dir: f.dir })} className="px-2 py-1.5 text-sm text-gray-600 hover:text-gray-900">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/** A min–max pair of number inputs under one legend. */
function RangeFields({
  legend,
  names,
  values,
  inputMode,
  unit,
}: {
  legend: string;
  names: [string, string];
  values: [number | string | null | undefined, number | string | null | undefined];
  inputMode: 'numeric' | 'decimal';
  unit: string;
}) {
  return (
    <fieldset className="text-xs font-medium text-gray-600">
      <legend>{legend}</legend>
      <div className="flex gap-1">
        {(['min', 'max'] as const).map((bound, i) => (
          <input
            key={bound}
            name={names[i]}
            inputMode={inputMode}
            defaultValue={values[i] ?? ''}
            placeholder={bound}
            aria-label={`${bound === 'min' ? 'Minimum' : 'Maximum'} ${unit}`}
            className={inputClass}
          />
        ))}
      </div>
    </fieldset>
  );
}
