// ESLint for the project's own JavaScript: the playground's page modules and worker, the site's
// scripts, the build's and the tests' Node scripts. Run: node_modules/.bin/eslint --max-warnings 0 .
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";

export default defineConfig([
  globalIgnores([
    "site/", "node_modules/", ".venv/", ".cache/", "dist/", "build/", "bench-results/",
    // The pages' code examples: each is shown to readers as written and run in its own runtime by tests/test_snippets.py.
    "docs/snippets/",
  ]),
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [js.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A caught error the handler does not need keeps its name: `catch (error)` says what was caught.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: "error",
      "prefer-const": "error",
      "no-var": "error",
      // Small modules and functions, each with one job (issue 19).
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The playground's page modules.
    files: ["playground/web/**/*.js", "playground/web/**/*.mjs"],
    ignores: ["playground/web/worker.mjs", "playground/web/pyodide-boot.mjs"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    // The module Web Worker.
    files: ["playground/web/worker.mjs"],
    languageOptions: { sourceType: "module", globals: globals.worker },
  },
  {
    // Python's start, shared by the worker and the build's Node scripts (scripts/snapshot.mjs).
    files: ["playground/web/pyodide-boot.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.worker, ...globals.node } },
  },
  {
    // The site's own classic scripts (mkdocs.yml's extra_javascript).
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  {
    files: ["scripts/**/*.mjs", "tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
]);
