// Package web serves the desci web app: the pages patients and donors use
// with the wallets they have (and, later, reviewers and researchers).
//
// The app is TypeScript (Preact, Pico CSS, viem) in src/, built by Vite
// into dist/ with the npm toolchain pinned in package-lock.json, and
// embedded in the binary, so `desci serve` needs no npm at run time.
// dist/ is generated code: scripts/build-web.sh rebuilds it, and CI fails
// when the committed dist/ differs from a fresh build.
//
// Every page is served under a Content-Security-Policy that lets it load
// and connect to this origin only: no CDN, font or analytics request can
// leave the browser, and the wallet reaches the chain through the
// server's /rpc.
package web
