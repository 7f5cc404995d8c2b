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
      // Fluent's style modules keep unused constants such as `calc(${tokens.strokeWidthThin} + 0.25px)`; with
      // reads of plain objects treated as pure they go, and the theme token table leaves the start chunk.
      treeshake: { propertyReadSideEffects: false },
      output: {
        // Everything the start screen loads in one file, so it costs one request; views load lazily.
        codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] },
      },
    },
  },
});
