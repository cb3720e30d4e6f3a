import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import noSqlOutsideRepositories from './eslint-rules/no-sql-outside-repositories.js';

/** This repository's own rules, one per file under eslint-rules/. */
const local = { rules: { 'no-sql-outside-repositories': noSqlOutsideRepositories } };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'data/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['apps/web/**/*.vue'],
    languageOptions: {
      parser: vueParser,
      // <script lang="ts"> blocks go to the TypeScript parser; the template stays with vue-eslint-parser.
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },
  // Prettier formats .vue files; the plugin's layout rules would only fight it.
  vue.configs['no-layout-rules'],
  {
    // The browser bundle may take single framework-free files of the libs, never a barrel.
    files: ['apps/web/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@app/',
              message:
                'Import one file through @shared/<lib>/<file>: an @app barrel brings Nest into the bundle.',
            },
            {
              regex: '^@shared/[^/]+/index$',
              message: 'Import the file itself: a lib barrel brings Nest into the bundle.',
            },
            { regex: '/libs/', message: 'Reach lib files through @shared/<lib>/<file>.' },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { local },
    rules: { 'local/no-sql-outside-repositories': 'error' },
  },
);
