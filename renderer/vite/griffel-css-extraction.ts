import { type CSSRulesByBucket, defaultCompareMediaQueries } from '@griffel/core';
// The webpack plugin's own transform and sort, used directly: Griffel ships them only inside that package.
import { sortCSSRules } from '@griffel/webpack-extraction-plugin/src/sortCSSRules.js';
import { transformSync } from '@griffel/webpack-extraction-plugin/src/transformSync.js';
import type { Plugin } from 'vite';
import { COMPLETE_STYLESHEET_META, FLUENT_STYLESHEET_ATTRIBUTE } from '../src/theme/fluent-stylesheets.js';
import { insertBeforeScripts, stylesheetLink } from './insert-before-scripts.js';
import { dropUnusedStyleConstants } from './unused-style-constants.js';

const GRIFFEL_CALLS = ['__styles', '__resetStyles', '__staticStyles'];

type OutputBundle = Parameters<
  NonNullable<Extract<Plugin['generateBundle'], (...args: never[]) => unknown>>
>[1];
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

/** The chunks the page loads before anything runs: the entry and what it imports statically. */
function initialChunks(chunks: OutputChunk[]): Set<OutputChunk> {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<OutputChunk>();
  const visit = (chunk: OutputChunk | undefined) => {
    if (!chunk || initial.has(chunk)) return;
    initial.add(chunk);
    for (const file of chunk.imports) visit(byFile.get(file));
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return initial;
}

/**
 * Build-time CSS extraction for Fluent's components. Fluent publishes its styles precompiled as
 * `__styles(classes, cssRules)`, which insert their rules into the page while the first render commits;
 * this rewrites those calls to Griffel's class-only `__css` form and writes the rules out as CSS:
 * - the start stylesheet: rules of the modules in the initial chunks, which the first screen waits for;
 * - the complete stylesheet: every rule, named in a meta tag and added by the first view that needs it
 *   (renderer/src/theme/fluent-stylesheets.ts).
 * Both are sorted in Griffel's bucket order; the complete one goes in second, so where both hold a rule
 * the cascade is the complete one's. Styles from the app's own `makeStyles` keep working at runtime.
 */
export function griffelCssExtraction(): Plugin {
  const rulesByModule = new Map<string, CSSRulesByBucket>();
  const tags: string[] = [];
  return {
    name: 'rdp-repair:griffel-css-extraction',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/node_modules/') || !GRIFFEL_CALLS.some((call) => code.includes(call))) return null;
      const result = transformSync(code, {
        filename: id,
        inputSourceMap: undefined,
        enableSourceMaps: false,
      });
      if (result.cssRulesByBucket) rulesByModule.set(id, result.cssRulesByBucket);
      // Source maps of Fluent's published code are not worth a second map through the clean-up.
      return { code: dropUnusedStyleConstants(result.code, id), map: null };
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output): output is OutputChunk => output.type === 'chunk');
      const initial = initialChunks(chunks);
      const startRules: CSSRulesByBucket[] = [];
      const allRules: CSSRulesByBucket[] = [];
      for (const chunk of chunks) {
        for (const [id, module] of Object.entries(chunk.modules)) {
          const rules = rulesByModule.get(id);
          // Only modules whose code survived tree-shaking bring their rules.
          if (!rules || module.renderedLength === 0) continue;
          allRules.push(rules);
          if (initial.has(chunk)) startRules.push(rules);
        }
      }
      const emit = (name: string, rules: CSSRulesByBucket[]) =>
        `./${this.getFileName(
          this.emitFile({ type: 'asset', name, source: sortCSSRules(rules, defaultCompareMediaQueries) }),
        )}`;
      const start = emit('fluent-start.css', startRules);
      const complete = emit('fluent-complete.css', allRules);
      tags.length = 0;
      tags.push(
        stylesheetLink({ href: start, [FLUENT_STYLESHEET_ATTRIBUTE]: 'start' }),
        `<meta name="${COMPLETE_STYLESHEET_META}" content="${complete}">`,
      );
    },
    transformIndexHtml: { order: 'post', handler: (html) => insertBeforeScripts(html, tags) },
  };
}
