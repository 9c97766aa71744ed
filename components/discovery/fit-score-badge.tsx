import type { FitScore } from '@/lib/metrics/fit-score';

/** The fit score with its parts and weights in a disclosure: every number explains itself. */
export function FitScoreBadge({ fit }: { fit: FitScore }) {
  const tone =
    fit.score === null
      ? 'bg-gray-100 text-gray-600'
      : fit.score >= 70
        ? 'bg-emerald-50 text-emerald-700'
        : fit.score >= 40
          ? 'bg-amber-50 text-amber-800'
          : 'bg-red-50 text-red-700';
  return (
    <details className="group relative inline-block text-left" data-testid="fit-score">
      <summary className={`cursor-pointer list-none whitespace-nowrap rounded-md px-2 py-1 text-sm font-semibold tabular-nums ${tone}`}>
        {fit.score === null ? '—' : fit.score}
        {fit.score !== null && fit.measured < 100 ? (
          <span className="ml-1 text-xs font-normal" data-testid="fit-measured">
            · {fit.measured} % measured
          </span>
        ) : null}
      </summary>
      <div
        className="absolute right-0 z-20 mt-1 w-80 rounded-lg bg-white p-4 text-left shadow-lg ring-1 ring-gray-200"
        data-testid="fit-parts"
      >
        <p className="text-xs font-semibold uppercase tracking-wide text-gray-500">Fit score, 0–100</p>
        <p className="mt-1 text-xs text-gray-500">
          Σ weight × part ÷ 100. An unknown part counts ½ (neither good nor bad), so what is not known keeps the score near the middle.{' '}
          {fit.measured} % of this score is measured.
        </p>
        <ul className="mt-3 space-y-2">
          {fit.parts.map((p) => (
            <li key={p.key} className="text-sm">
              <div className="flex justify-between gap-2">
                <span className="font-medium text-gray-900">
                  {p.label} <span className="text-xs font-normal text-gray-500">weight {p.weight}</span>
                </span>
                <span className="tabular-nums text-gray-700">{p.score === null ? '—' : Math.round(p.score * 100)}</span>
              </div>
              <p className="text-xs text-gray-500">{p.detail}</p>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
