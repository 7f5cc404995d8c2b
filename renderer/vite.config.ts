import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fluentThemePlugin } from './vite/fluent-theme-stylesheet.js';
import { griffelCssExtraction } from './vite/griffel-css-extraction.js';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs so the same build loads from file:// in Electron and from the web demo server.
  base: './',
  plugins: [react(), fluentThemePlugin(), griffelCssExtraction()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // Inline assets would be data: URLs in script; keep everything as files the CSP allows as 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The bench script reports the initial chunk's gzip size.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Property reads count as pure: statements in Fluent's modules that only read imported objects would
      // otherwise keep Griffel's runtime style compiler, which only the lazy views use, in the start chunk.
      treeshake: { propertyReadSideEffects: false },
      output: {
        // Everything the start screen loads in one file, so it costs one request; views load lazily.
        codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] },
      },
    },
  },
});
