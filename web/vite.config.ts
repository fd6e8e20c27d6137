/**
 * Vite configuration of the web app (Preact + TypeScript). `web/build.ts` runs it; `npm run dev:web`
 * serves it with hot reload and proxies the API paths to a local platform on port 3000.
 */
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where the dev server sends API and tracking calls (the local platform of `npm start`). */
const LOCAL_PLATFORM = process.env.CHANNEL_LAB_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/t', '/o', '/u'].map((path) => [path, LOCAL_PLATFORM])),
  },
});
