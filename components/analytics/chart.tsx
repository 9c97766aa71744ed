'use client';

import { AreaChart, BarChart, LineChart } from '@tremor/react';
import { numberFormat } from '@/lib/text/formatters';
import { swatchClass } from '../ui/swatch';

export type ChartFormat = 'compact' | 'number' | 'percent';

const formatters: Record<ChartFormat, (v: number) => string> = {
  compact: (v) => numberFormat({ notation: 'compact', maximumFractionDigits: 1 }).format(v),
  number: (v) => numberFormat({ maximumFractionDigits: 0 }).format(v),
  percent: (v) => numberFormat({ style: 'percent', maximumFractionDigits: 2 }).format(v),
};

/**
 * A Tremor chart as a client leaf: the server page passes plain rows and the name of a value
 * format (functions cannot cross from server to client). Null values are gaps, never zeros.
 */
export function Chart({
  kind,
  data,
  index,
  categories,
  format = 'compact',
  colors,
  height = 'h-64',
  connectNulls = false,
  allowDecimals = format !== 'number',
  testId,
}: {
  kind: 'area' | 'line' | 'bar';
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  format?: ChartFormat;
  colors?: string[];
  height?: string;
  connectNulls?: boolean;
  /** False for counts (the default with format "number"): the axis then has whole ticks only. */
  allowDecimals?: boolean;
  testId?: string;
}) {
  const palette = colors ?? ['indigo', 'cyan', 'amber', 'rose'];
  const common = {
    data,
    index,
    categories,
    valueFormatter: formatters[format],
    colors: palette,
    // Our own legend below: Tremor's is not a well-formed list for assistive technology.
    showLegend: false,
    className: height,
    yAxisWidth: 56,
    noDataText: 'No data in this range',
    allowDecimals,
  };
  return (
    <div data-testid={testId}>
      {categories.length > 1 ? (
        <ul className="mb-3 flex flex-wrap justify-end gap-x-4 gap-y-1 text-xs text-gray-600">
          {categories.map((c, i) => (
            <li key={c} className="flex items-center gap-1.5">
              <span aria-hidden className={`h-2 w-2 rounded-full ${swatchClass(palette[i % palette.length])}`} />
              {c}
            </li>
          ))}
        </ul>
      ) : null}
      {kind === 'area' ? (
        <AreaChart {...common} connectNulls={connectNulls} curveType="monotone" />
      ) : kind === 'line' ? (
        <LineChart {...common} connectNulls={connectNulls} curveType="monotone" />
      ) : (
        <BarChart {...common} />
      )}
    </div>
  );
}
