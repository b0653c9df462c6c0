// ESLint for every JavaScript file certlens keeps (scripts/lint-js.sh runs it with `node
// --check`): the page and element (browser modules and workers), the npm package's entry
// (browser and Node), and the Node scripts that test and measure them. The recommended rules
// only: they catch undefined and unused names, unreachable code and the like, not style.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['target/**', 'node_modules/**', 'dist/**', 'www/pkg/**', 'fuzz/**'],
  },
  js.configs.recommended,
  {
    files: ['www/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker },
    },
  },
  {
    files: ['npm/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    // Node scripts, whose callbacks for page.evaluate() run in the browser.
    files: ['tests/**/*.{js,mjs}', 'bench/**/*.{js,mjs}', 'scripts/**/*.{js,mjs}', 'eslint.config.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
  },
];
