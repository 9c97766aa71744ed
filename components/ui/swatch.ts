/** Legend swatch classes of the Tremor colours our charts use (whole class names, for Tailwind to keep). */
const SWATCH: Record<string, string> = {
  indigo: 'bg-indigo-500',
  cyan: 'bg-cyan-500',
  amber: 'bg-amber-500',
  rose: 'bg-rose-500',
  emerald: 'bg-emerald-500',
  slate: 'bg-slate-500',
};

/** The background class of a Tremor colour's legend swatch (grey for a colour not listed). */
export function swatchClass(color: string | undefined): string {
  return (color && SWATCH[color]) || 'bg-gray-500';
}
