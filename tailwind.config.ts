import type { Config } from 'tailwindcss';
import forms from '@tailwindcss/forms';
import headlessui from '@headlessui/tailwindcss';
import plugin from 'tailwindcss/plugin';
import { themeColors, themeVariables } from './tailwind.theme';

const { light, dark } = themeVariables();

// Tremor 3's documented theme: chart colours are built at run time, hence the safelist. Its
// `dark:` variants never apply (no element gets the `dark` class): dark mode comes from the
// colour variables of tailwind.theme.ts, which Tremor's colours read too.
const config: Config = {
  darkMode: 'class',
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}', './node_modules/@tremor/**/*.{js,ts,jsx,tsx}'],
  theme: {
    colors: themeColors,
    extend: {
      colors: {
        brand: {
          50: '#eef2ff',
          100: '#e0e7ff',
          500: '#6366f1',
          600: '#4f46e5',
          700: '#4338ca',
          900: '#312e81',
        },
        tremor: {
          brand: {
            faint: themeColors.indigo['50'],
            muted: themeColors.indigo['200'],
            subtle: themeColors.indigo['400'],
            DEFAULT: themeColors.indigo['500'],
            emphasis: themeColors.indigo['700'],
            inverted: themeColors.white,
          },
          background: {
            muted: themeColors.gray['50'],
            subtle: themeColors.gray['100'],
            DEFAULT: themeColors.white,
            emphasis: themeColors.gray['700'],
          },
          border: { DEFAULT: themeColors.gray['200'] },
          ring: { DEFAULT: themeColors.gray['200'] },
          content: {
            subtle: themeColors.gray['400'],
            DEFAULT: themeColors.gray['500'],
            emphasis: themeColors.gray['700'],
            strong: themeColors.gray['900'],
            inverted: themeColors.white,
          },
        },
        'dark-tremor': {
          brand: {
            faint: '#0B1229',
            muted: themeColors.indigo['950'],
            subtle: themeColors.indigo['800'],
            DEFAULT: themeColors.indigo['500'],
            emphasis: themeColors.indigo['400'],
            inverted: themeColors.indigo['950'],
          },
          background: {
            muted: '#131A2B',
            subtle: themeColors.gray['800'],
            DEFAULT: themeColors.gray['900'],
            emphasis: themeColors.gray['300'],
          },
          border: { DEFAULT: themeColors.gray['800'] },
          ring: { DEFAULT: themeColors.gray['800'] },
          content: {
            subtle: themeColors.gray['600'],
            DEFAULT: themeColors.gray['500'],
            emphasis: themeColors.gray['200'],
            strong: themeColors.gray['50'],
            inverted: themeColors.gray['950'],
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
        'dark-tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'dark-tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'dark-tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  safelist: [
    {
      pattern:
        /^(bg-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-(?:50|100|200|300|400|500|600|700|800|900|950))$/,
      variants: ['hover', 'ui-selected'],
    },
    {
      pattern:
        /^(text-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-(?:50|100|200|300|400|500|600|700|800|900|950))$/,
      variants: ['hover', 'ui-selected'],
    },
    {
      pattern:
        /^(border-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-(?:50|100|200|300|400|500|600|700|800|900|950))$/,
      variants: ['hover', 'ui-selected'],
    },
    {
      pattern:
        /^(ring-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-(?:50|100|200|300|400|500|600|700|800|900|950))$/,
    },
    {
      pattern:
        /^(stroke-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-(?:50|100|200|300|400|500|600|700|800|900|950))$/,
    },
    {
      pattern:
        /^(fill-(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-(?:50|100|200|300|400|500|600|700|800|900|950))$/,
    },
  ],
  plugins: [
    headlessui,
    forms,
    plugin(({ addBase }) => {
      addBase({ ':root': { ...light, colorScheme: 'light dark' }, '@media (prefers-color-scheme: dark)': { ':root': dark } });
    }),
  ],
};

export default config;
