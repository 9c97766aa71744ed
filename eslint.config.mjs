// ESLint flat config: Next's rules (React, hooks, accessibility, imports, Core Web Vitals), the
// TypeScript rules, every jsx-a11y recommended rule, and the architecture's boundaries.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';
import jsxA11y from 'eslint-plugin-jsx-a11y';

/** Modules only the server may load: a client component importing one would leak it to the browser. */
const SERVER_ONLY = /^(server-only|@\/db($|\/)|@\/lib\/auth\/request-context$|drizzle-orm|postgres$|@electric-sql\/pglite)/;

// date-fns's index loads all of its ~300 modules (~20 MB in a CLI process, which has no bundler to
// tree-shake it): import each function from its own entry, `date-fns/addDays`.
const dateFnsRoot = { name: 'date-fns', message: "Import each function from its own entry: 'date-fns/addDays'." };

/** Local rules a dependency graph cannot express (they depend on the file's "use client" directive). */
const reachboard = {
  rules: {
    'no-server-imports-in-client': {
      meta: {
        type: 'problem',
        messages: { server: 'A client component imports server-only code ({{source}}): call a server action or pass data as props.' },
      },
      create(context) {
        const client = context.sourceCode.ast.body.some((n) => n.type === 'ExpressionStatement' && n.directive === 'use client');
        if (!client) return {};
        return {
          ImportDeclaration(node) {
            if (node.importKind !== 'type' && SERVER_ONLY.test(node.source.value))
              context.report({ node, messageId: 'server', data: { source: node.source.value } });
          },
        };
      },
    },
  },
};

/** A boundaries policy: elements of type `from` may import elements of the `to` types only. */
const allow = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    'node_modules/**',
    'drizzle/**',
    'coverage/**',
    'playwright-report/**',
    'test-results/**',
    '.data/**',
    '*.tmp.mjs',
    'next-env.d.ts',
  ]),
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Our form controls are components; a label may wrap one or name it by id.
      'jsx-a11y/label-has-associated-control': [
        'error',
        { controlComponents: ['Input', 'Select', 'Textarea'], assert: 'either', depth: 3 },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: [dateFnsRoot] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { reachboard },
    rules: { 'reachboard/no-server-imports-in-client': 'error' },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [dateFnsRoot, { name: 'drizzle-orm', message: 'Pages and routes call a lib verb instead of querying the database.' }],
          patterns: [{ group: ['drizzle-orm/*'], message: 'Pages and routes call a lib verb instead of querying the database.' }],
        },
      ],
    },
  },
  {
    // The layers (CONVENTIONS.md): pages and routes call lib verbs, never the database; UI primitives
    // know no feature; lib never renders pages; the database layer knows no domain.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'db/**/*.ts', 'inngest/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['app/**/*', 'components/**/*', 'lib/**/*', 'db/**/*', 'inngest/**/*'],
      'boundaries/elements': [
        { type: 'app', pattern: 'app' },
        { type: 'ui', pattern: 'components/ui' },
        { type: 'components', pattern: 'components' },
        { type: 'lib', pattern: 'lib' },
        { type: 'db', pattern: 'db' },
        { type: 'inngest', pattern: 'inngest' },
      ],
      'import/resolver': { typescript: { alwaysTryTypes: true } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            allow('app', ['app', 'components', 'ui', 'lib', 'inngest']),
            allow('components', ['components', 'ui', 'lib']),
            allow('ui', ['ui', 'lib']),
            allow('lib', ['lib', 'db', 'components', 'ui', 'inngest']),
            allow('inngest', ['inngest', 'lib', 'db']),
            allow('db', ['db', 'lib']),
          ],
        },
      ],
    },
  },
]);
