'use client';

import { DonutChart } from '@tremor/react';
import { swatchClass } from '../ui/swatch';

/**
 * A Tremor donut with its legend; plain rows from a server page. The legend is a list with every
 * value, so the picture itself is inert: hidden from assistive technology and the keyboard (it
 * says nothing more).
 */
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
      <div inert>
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
      </div>
      <ul className="max-w-xs space-y-1 text-sm text-gray-700">
        {data.map((d, i) => (
          <li key={String(d.name)} className="flex items-center gap-2">
            <span aria-hidden className={`h-2.5 w-2.5 shrink-0 rounded-full ${swatchClass(colors[i % colors.length])}`} />
            {`${d.name}: ${Number(d[category]).toLocaleString('en-US')}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
