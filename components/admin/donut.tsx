'use client';

import { DonutChart, Legend } from '@tremor/react';

/** A Tremor donut with its legend; plain rows from a server page. */
export function Donut({
  data,
  category,
  colors,
  testId,
}: {
  data: Record<string, string | number>[];
  category: string;
  colors: string[];
  testId?: string;
}) {
  const total = data.reduce((s, d) => s + Number(d[category] ?? 0), 0);
  return (
    <div className="flex items-center gap-6" data-testid={testId}>
      <DonutChart
        data={data}
        category={category}
        index="name"
        colors={colors}
        className="h-36 w-36"
        showAnimation={false}
        label={total.toLocaleString('en-US')}
        valueFormatter={(v) => `${v.toLocaleString('en-US')} (${total ? Math.round((v / total) * 100) : 0} %)`}
      />
      <Legend
        categories={data.map((d) => `${d.name}: ${Number(d[category]).toLocaleString('en-US')}`)}
        colors={colors}
        className="max-w-xs"
      />
    </div>
  );
}
