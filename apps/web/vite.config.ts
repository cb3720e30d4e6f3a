import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web app is built into dist/web (or WEB_DIST) and served by the API at `/`. */
export default defineConfig({
  root,
  plugins: [vue()],
  resolve: { alias: { '@web': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: process.env.WEB_DIST || fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': `http://localhost:${process.env.API_PORT || 3000}` } },
});
