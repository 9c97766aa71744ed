'use client';

import { AreaChart, BarChart, LineChart } from '@tremor/react';
import { numberFormat } from '@/lib/text/formatters';

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
  allowDecimals = true,
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
  /** False for counts: the axis then has whole ticks only. */
  allowDecimals?: boolean;
  testId?: string;
}) {
  const common = {
    data,
    index,
    categories,
    valueFormatter: formatters[format],
    colors: colors ?? ['indigo', 'cyan', 'amber', 'rose'],
    className: height,
    yAxisWidth: 56,
    noDataText: 'No data in this range',
    allowDecimals,
  };
  return (
    <div data-testid={testId}>
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
