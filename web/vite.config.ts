import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'

// The build must be byte-for-byte reproducible: CI rebuilds it and fails
// when dist/ differs from what is committed (scripts/build-web.sh).
export default defineConfig({
  // React stays React: GraphiQL (graphiql.html) is a React app, bundled
  // apart from the Preact app, which imports no React.
  plugins: [preact({ reactAliasesEnabled: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Everything the page loads comes from dist/: no CDN, fonts or analytics.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    // Two pages: the app, and GraphiQL at /graphiql (a developer's page,
    // whose bundle the app never loads).
    rollupOptions: {
      input: { index: 'index.html', graphiql: 'graphiql.html' },
      // React's compiler runtime (in GraphiQL) starts with a directive
      // bundlers drop, harmlessly; nothing else is expected here.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log)
      },
    },
    // GraphiQL's bundle is big (a developer's page); the app's is checked
    // by the browser tests against its 250 KB budget.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:8545', '/rpc': 'http://127.0.0.1:8545' },
  },
})
