import { Input, Select } from './field';

/** The text search and niche filter of a GET search form (fields `q` and `niche`). */
export function SearchNicheFields({ q, niche, niches, placeholder }: { q: string; niche: string; niches: string[]; placeholder: string }) {
  return (
    <>
      <div className="w-72">
        <label htmlFor="q" className="mb-1 block text-xs font-medium text-gray-600">
          Search
        </label>
        <Input id="q" name="q" defaultValue={q} placeholder={placeholder} />
      </div>
      <div className="w-48">
        <label htmlFor="niche" className="mb-1 block text-xs font-medium text-gray-600">
          Niche
        </label>
        <Select id="niche" name="niche" defaultValue={niche}>
          <option value="">All niches</option>
          {niches.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </div>
    </>
  );
}
