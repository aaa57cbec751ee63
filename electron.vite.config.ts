import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import renderer from './vite.renderer.config';

// The desktop app. The thread entries (pool worker, store writer) are built as their own files
// next to the main bundle (out/main/), exactly as `npm run serve` has them in out/service/.
export default defineConfig({
  main: {
    // The report writers are bundled into the main process: their dependency trees (about 200
    // packages, mostly polyfills) stay out of the packed app.
    plugins: [externalizeDepsPlugin({ exclude: ['exceljs', 'pdfkit'] })],
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/index.ts'),
          'pool-worker': resolve(import.meta.dirname, 'src/main/pool/worker.ts'),
          'store-writer': resolve(import.meta.dirname, 'src/main/store/writer-thread.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require packages: zod (the contract table's schemas) is
    // bundled into it.
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      ...renderer.build,
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
