// Builds the trainer and playground (src/web) into site/: a static folder any host can serve.
// Besides the page bundle it emits sw.js, the service worker, with the list of every built file
// so the site works offline once loaded.

import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = resolve(import.meta.dirname, 'src/web');
const SW_ENTRY = resolve(root, 'sw.ts');
const PRECACHE_MARK = '__GOTRAP_PRECACHE__';

/** Fills the service worker's file list and cache version in once the bundle is known. */
function precache(): Plugin {
  return {
    name: 'gotrap-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
        .sort();
      // Every asset name but index.html carries a content hash, so the list changes whenever
      // the site does; index.html is listed as the page itself ('./').
      const list = ['./', ...files.filter((f) => f !== 'index.html').map((f) => `./${f}`)];
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('sw.js was not built');
      if (!sw.code.includes(PRECACHE_MARK)) throw new Error(`sw.js lost its ${PRECACHE_MARK} mark`);
      const version = hash(list.join('\n') + String(bundle['index.html'] && sourceOf(bundle['index.html'])));
      const payload = JSON.stringify({ version, files: list });
      sw.code = sw.code.replace(PRECACHE_MARK, JSON.stringify(payload).slice(1, -1));
    },
  };
}

function sourceOf(item: unknown): string {
  const s = (item as { source?: string | Uint8Array }).source;
  return typeof s === 'string' ? s : s ? Buffer.from(s).toString('utf8') : '';
}

/** FNV-1a, enough to tell one build's file list from another's. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export default defineConfig({
  root,
  // Relative URLs: the folder works from any path on any static host.
  base: './',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'site'),
    emptyOutDir: true,
    target: 'es2022',
    // The grammars must stay separate .wasm files, never data: URLs.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // One bundle: the rules, the analyzer and the editor (about 320 kB gzipped).
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      onLog(level, log, handler) {
        // web-tree-sitter's Emscripten loader uses eval to link grammar side modules: known, harmless...
        if (log.code === 'EVAL' && /web-tree-sitter/.test(log.id ?? log.message)) return;
        // ...and imports Node modules on its Node-only path, which the browser never takes.
        if (/externalized for browser compatibility, imported by ".*web-tree-sitter/.test(log.message)) return;
        handler(level, log);
      },
      input: { index: resolve(root, 'index.html'), sw: SW_ENTRY },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  plugins: [precache()],
});
