import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console, built into dist/console and served by the gateway at
 * /console. Vite 8 compiles TSX with its own transformer (automatic JSX
 * runtime), so no React plugin is needed for a production build. Each
 * role's screens are lazy chunks; the vendor libraries split so that a
 * role loads only what its screens use.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle has no server side to keep apart.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
