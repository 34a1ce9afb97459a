import { defineConfig } from 'vite';

// A static build (dist/) that the local stack serves; the SDK is bundled in.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
