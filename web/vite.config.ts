import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'

// The build must be byte-for-byte reproducible: CI rebuilds it and fails
// when dist/ differs from what is committed (scripts/build-web.sh).
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Everything the page loads comes from dist/: no CDN, fonts or analytics.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:8545', '/rpc': 'http://127.0.0.1:8545' },
  },
})
