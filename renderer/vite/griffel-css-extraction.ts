import { type CSSRulesByBucket, defaultCompareMediaQueries } from '@griffel/core';
// The webpack plugin's own transform and sort, used directly: Griffel ships them only inside that package.
import { sortCSSRules } from '@griffel/webpack-extraction-plugin/src/sortCSSRules.js';
import { transformSync } from '@griffel/webpack-extraction-plugin/src/transformSync.js';
import type { Plugin } from 'vite';

const GRIFFEL_CALLS = ['__styles', '__resetStyles', '__staticStyles'];
const STYLESHEET_NAME = 'griffel.css';

/**
 * Build-time CSS extraction for Fluent's components. Fluent publishes its styles precompiled as
 * `__styles(classes, cssRules)`, which insert their rules into the page while the first render commits;
 * this rewrites those calls to Griffel's class-only `__css` form and writes every rule into one sorted
 * stylesheet linked from index.html, so the start screen renders without inserting any CSS. Styles defined
 * with `makeStyles` in the app's own lazy views keep working at runtime.
 */
export function griffelCssExtraction(): Plugin {
  const rulesByModule = new Map<string, CSSRulesByBucket>();
  let stylesheetFile = '';
  return {
    name: 'rdp-repair:griffel-css-extraction',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/node_modules/') || !GRIFFEL_CALLS.some((call) => code.includes(call))) return null;
      const result = transformSync(code, { filename: id, inputSourceMap: undefined, enableSourceMaps: true });
      if (result.cssRulesByBucket) rulesByModule.set(id, result.cssRulesByBucket);
      return { code: result.code, map: result.sourceMap ?? null };
    },
    generateBundle(_options, bundle) {
      // Only modules whose code survived tree-shaking bring their rules.
      const kept: CSSRulesByBucket[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(output.modules)) {
          const rules = rulesByModule.get(id);
          if (rules && module.renderedLength > 0) kept.push(rules);
        }
      }
      const css = sortCSSRules(kept, defaultCompareMediaQueries);
      const referenceId = this.emitFile({ type: 'asset', name: STYLESHEET_NAME, source: css });
      stylesheetFile = this.getFileName(referenceId);
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'link', attrs: { rel: 'stylesheet', href: `./${stylesheetFile}` }, injectTo: 'head-prepend' },
      ],
    },
  };
}
