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
    // One chunk on purpose (a desktop app loads from disk); the bench script reports its gzip size.
    chunkSizeWarningLimit: 1200,
  },
});
