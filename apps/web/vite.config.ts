import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = fileURLToPath(new URL('.', import.meta.url));
const libs = fileURLToPath(new URL('../../libs', import.meta.url));

/**
 * `@shared/<lib>/<file>` reaches one framework-free file of libs/<lib>/src, so the web runs the
 * server's own rules instead of a port. Only files, never a lib's barrel (index.ts): the barrel
 * would pull Nest and TypeORM into the bundle.
 */
export const sharedAlias = {
  find: /^@shared\/(assessment|assistance|audit|auth|cases|common|documents|process-models)\/(?=.)/,
  replacement: `${libs}/$1/src/`,
};

/** The web app is built into dist/web (or WEB_DIST) and served by the API at `/`. */
export default defineConfig({
  root,
  plugins: [vue()],
  resolve: {
    alias: [{ find: '@web', replacement: fileURLToPath(new URL('./src', import.meta.url)) }, sharedAlias],
  },
  build: {
    outDir: process.env.WEB_DIST || fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': `http://localhost:${process.env.API_PORT || 3000}` } },
});
