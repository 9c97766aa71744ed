import colors from 'tailwindcss/colors';

/**
 * Light and dark from one set of class names. Every colour class (`bg-white`, `text-gray-900`,
 * `fill-indigo-500`, Tremor's run-time chart classes) reads a CSS variable; under
 * `prefers-color-scheme: dark` the variables take the dark value of the same role, so pages,
 * tables, badges and charts follow the system setting with no `dark:` variant anywhere.
 *
 * Neutrals (white, gray, slate) get a hand-picked dark scale: white is the card surface, gray-50
 * the page behind it, 100–300 fills and borders a step above the surface, 500 secondary text
 * (contrast ≥ 4.5 on the surface), 900 primary text. Accents mirror their scale (50 ↔ 950,
 * 100 ↔ 900, …) with 500 and 600 both becoming 400, so filled buttons, links and chart marks stay
 * saturated and readable on the dark surface.
 */
const SHADES = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'] as const;
type Shade = (typeof SHADES)[number];
const ACCENT_DARK: Record<Shade, Shade> = {
  '50': '950',
  '100': '900',
  '200': '800',
  '300': '700',
  '400': '600',
  '500': '400',
  '600': '400',
  '700': '300',
  '800': '200',
  '900': '100',
  '950': '50',
};
const NEUTRAL_DARK: Record<Shade | 'white', string> = {
  white: '#111827',
  '50': '#0b1120',
  '100': '#1f2937',
  '200': '#2b3544',
  '300': '#3f4a5a',
  '400': '#6b7280',
  '500': '#9ca3af',
  '600': '#b4bac4',
  '700': '#d1d5db',
  '800': '#e5e7eb',
  '900': '#f3f4f6',
  '950': '#f9fafb',
};
const NEUTRALS = ['gray', 'slate', 'zinc', 'neutral', 'stone'] as const;
const ACCENTS = [
  'red',
  'orange',
  'amber',
  'yellow',
  'lime',
  'green',
  'emerald',
  'teal',
  'cyan',
  'sky',
  'blue',
  'indigo',
  'violet',
  'purple',
  'fuchsia',
  'pink',
  'rose',
] as const;

const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255}`;
};
const ref = (name: string) => `rgb(var(--c-${name}) / <alpha-value>)`;
const palette = (p: string) => Object.fromEntries(SHADES.map((s) => [s, ref(`${p}-${s}`)])) as Record<Shade, string>;

/** Tailwind `colors`: every palette as variables. */
export const themeColors = {
  transparent: 'transparent',
  current: 'currentColor',
  white: ref('white'),
  black: ref('black'),
  ...(Object.fromEntries([...NEUTRALS, ...ACCENTS].map((p) => [p, palette(p)])) as Record<
    (typeof NEUTRALS)[number] | (typeof ACCENTS)[number],
    Record<Shade, string>
  >),
};

/** The variables' light values (`:root`) and dark values (`prefers-color-scheme: dark`). */
export function themeVariables(): { light: Record<string, string>; dark: Record<string, string> } {
  const light: Record<string, string> = { '--c-white': rgb('#ffffff'), '--c-black': rgb('#000000') };
  const dark: Record<string, string> = { '--c-white': rgb(NEUTRAL_DARK.white), '--c-black': rgb('#000000') };
  for (const p of NEUTRALS)
    for (const s of SHADES) {
      light[`--c-${p}-${s}`] = rgb(colors[p][s]);
      dark[`--c-${p}-${s}`] = rgb(NEUTRAL_DARK[s]);
    }
  for (const p of ACCENTS)
    for (const s of SHADES) {
      light[`--c-${p}-${s}`] = rgb(colors[p][s]);
      dark[`--c-${p}-${s}`] = rgb(colors[p][ACCENT_DARK[s]]);
    }
  return { light, dark };
}
