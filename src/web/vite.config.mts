import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web app: built by `npm start` (scripts/build-web.mjs, when stale) into dist-web/, which the service
 * serves at `/`. `npm run dev:web` serves it from source on WEB_DEV_PORT (5173), sending /api and /docs to the
 * running service at API_URL (http://localhost:3000).
 */
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: resolve(import.meta.dirname, '../../dist-web'),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // antd marks its modules "use client" for React Server Components; meaningless in a browser bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: { '/api': api, '/docs': api, '/health': api },
  },
});
