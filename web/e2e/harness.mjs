// The browser-test harness: Debian's Chromium driven by playwright-core,
// with a test wallet injected the way real wallets are (EIP-6963
// announcements and window.ethereum, EIP-1193 requests), signing in Node
// with a dev key. Every request the page makes is recorded and must stay on
// the server's origin; axe-core checks each page; screenshots are taken at
// phone and desktop widths.
//
// A spec is a plain Node script run by web/e2e/e2e_test.go against a
// `desci demo --fixture FILE` world:
//
//	import { fixture, launch, step, done } from './harness.mjs'
//	const b = await launch()
//	const { page, wallet } = await b.open({ key: fixture.keys['patient 0'] })
//	await step('signs in', async () => { ... })
//	await done()

import { chromium } from 'playwright-core'
import { readFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { privateKeyToAccount } from 'viem/accounts'
import { createWalletClient, defineChain, http, getAddress, toHex } from 'viem'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

/** The world `desci demo --fixture` left: url, rpc, chainId, contracts, ids and the wallets' dev keys. */
export const fixture = JSON.parse(readFileSync(process.env.DESCI_FIXTURE ?? join(here, 'out', 'fixture.json'), 'utf8'))
export const origin = new URL(fixture.url).origin
export const screenshots = process.env.DESCI_SCREENSHOTS ?? join(here, 'screenshots')

export const phone = { width: 360, height: 740 }
export const desktop = { width: 1280, height: 800 }

const failures = []
let steps = 0

/** Runs one named step of a journey; a failure is reported and the journey goes on to report all. */
export async function step(name, fn) {
  steps++
  const t0 = Date.now()
  try {
    await fn()
    console.log(`ok    ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failures.push(name)
    console.log(`FAIL  ${name}\n      ${String(e?.stack ?? e).split('\n').join('\n      ')}`)
  }
}

/** Prints a measurement for the Go test to report: METRIC {"name":…,"value":…,"unit":…}. */
export function metric(name, value, unit) {
  console.log(`METRIC ${JSON.stringify({ name, value, unit })}`)
}

let browsers = []

/** Closes every browser, prints a summary and exits non-zero if any step failed. */
export async function done() {
  for (const b of browsers) await b.close().catch(() => {})
  console.log(`${steps - failures.length}/${steps} steps passed`)
  process.exit(failures.length ? 1 : 0)
}

/** Starts Chromium. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.DESCI_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  browsers.push(browser)
  return {
    browser,
    /**
     * A fresh browser context (no cache, no storage) with a test wallet.
     * opts.key: the wallet's private key (hex); opts.viewport: phone by default;
     * opts.walletChainId: the chain the wallet starts on (another chain by default,
     * as a new wallet would be: the page must add and switch to the desci chain);
     * opts.legacyOnly: only window.ethereum, no EIP-6963 announcement.
     */
    open: (opts = {}) => open(browser, opts),
  }
}

class WalletError extends Error {
  constructor(code, message) {
    super(message)
    this.code = code
  }
}

/** A wallet that answers EIP-1193 requests as a real one does, signing with key. */
export class TestWallet {
  constructor(key, { walletChainId = 1 } = {}) {
    this.account = privateKeyToAccount(key)
    this.chainId = walletChainId
    this.chains = new Map([[1, 'https://mainnet.invalid']])
    this.connected = false
    /** Methods the user will decline (EIP-1193 4001), e.g. 'personal_sign'. */
    this.decline = new Set()
    /** Every request the page made of the wallet, in order: {method, params}. */
    this.calls = []
    this.emit = async () => {}
  }

  get address() {
    return this.account.address
  }

  /** Has the user switch to another account, as the wallet's own UI would. */
  async switchAccount(key) {
    this.account = privateKeyToAccount(key)
    await this.emit('accountsChanged', [this.account.address])
  }

  /** Has the user switch networks in the wallet's own UI. */
  async switchChain(id) {
    this.chainId = id
    await this.emit('chainChanged', toHex(id))
  }

  rpc() {
    const url = this.chains.get(this.chainId)
    if (!url) throw new WalletError(4901, `test wallet: not connected to chain ${this.chainId}`)
    return url
  }

  async forward(method, params) {
    const res = await fetch(this.rpc(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    const body = await res.json()
    if (body.error) throw new WalletError(body.error.code, body.error.message)
    return body.result
  }

  own(addr) {
    if (!addr || getAddress(addr) !== this.account.address) throw new WalletError(4100, 'test wallet: that account is not authorized')
  }

  async request(method, params = []) {
    this.calls.push({ method, params })
    if (this.decline.has(method)) throw new WalletError(4001, 'User rejected the request.')
    switch (method) {
      case 'eth_requestAccounts':
        this.connected = true
        return [this.account.address]
      case 'eth_accounts':
        return this.connected ? [this.account.address] : []
      case 'eth_chainId':
        return toHex(this.chainId)
      case 'net_version':
        return String(this.chainId)
      case 'wallet_addEthereumChain': {
        const p = params[0]
        const id = Number(p.chainId)
        assert.ok(p.rpcUrls?.length, 'wallet_addEthereumChain without rpcUrls')
        this.chains.set(id, p.rpcUrls[0])
        this.chainId = id // as MetaMask does, after the user approves
        await this.emit('chainChanged', toHex(id))
        return null
      }
      case 'wallet_switchEthereumChain': {
        const id = Number(params[0].chainId)
        if (!this.chains.has(id)) throw new WalletError(4902, `Unrecognized chain ID ${params[0].chainId}. Try adding the chain using wallet_addEthereumChain first.`)
        this.chainId = id
        await this.emit('chainChanged', toHex(id))
        return null
      }
      case 'personal_sign':
        this.own(params[1])
        return this.account.signMessage({ message: { raw: params[0] } })
      case 'eth_signTypedData_v4': {
        this.own(params[0])
        const td = typeof params[1] === 'string' ? JSON.parse(params[1]) : params[1]
        if (td.domain?.chainId !== undefined && Number(td.domain.chainId) !== this.chainId) {
          // MetaMask refuses typed data for another chain than the active one.
          throw new WalletError(-32603, `Provided chainId "${Number(td.domain.chainId)}" must match the active chainId "${this.chainId}"`)
        }
        return this.account.signTypedData(td)
      }
      case 'eth_sendTransaction': {
        const tx = params[0]
        this.own(tx.from)
        const chain = defineChain({ id: this.chainId, name: 'wallet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [this.rpc()] } } })
        const c = createWalletClient({ account: this.account, chain, transport: http(this.rpc()) })
        const q = (v) => (v === undefined || v === null ? undefined : BigInt(v))
        return c.sendTransaction({ to: tx.to, data: tx.data, value: q(tx.value), gas: q(tx.gas ?? tx.gasLimit), maxFeePerGas: q(tx.maxFeePerGas), maxPriorityFeePerGas: q(tx.maxPriorityFeePerGas), nonce: tx.nonce === undefined ? undefined : Number(tx.nonce) })
      }
      case 'eth_signTransaction':
      case 'eth_sign':
        // Like MetaMask and most browser wallets: not offered.
        throw new WalletError(4200, `The method "${method}" is not supported by this wallet.`)
      default:
        if (/^(eth|net|web3)_/.test(method)) return this.forward(method, params)
        throw new WalletError(4200, `The method "${method}" is not supported by this wallet.`)
    }
  }
}

// Runs in the page before any of its scripts: the provider object a wallet
// extension injects. It only forwards to the Node side.
function injectWallet({ legacyOnly }) {
  const listeners = {}
  const provider = {
    isDesciTestWallet: true,
    async request(args) {
      if (!args || typeof args.method !== 'string') throw Object.assign(new Error('invalid request'), { code: -32600 })
      const r = await window.__desciWallet(args.method, args.params ?? [])
      if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code })
      return r.result
    },
    on(event, fn) {
      ;(listeners[event] ||= []).push(fn)
      return provider
    },
    removeListener(event, fn) {
      listeners[event] = (listeners[event] || []).filter((f) => f !== fn)
      return provider
    },
  }
  window.__desciWalletEmit = (event, arg) => (listeners[event] || []).forEach((f) => f(arg))
  window.ethereum = provider
  if (legacyOnly) return
  const info = Object.freeze({ uuid: '6b1a2f4e-0000-4000-8000-00000000d351', name: 'Test Wallet', icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"/%3E', rdns: 'org.desci.testwallet' })
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
  window.addEventListener('eip6963:requestProvider', announce)
  announce()
}

async function open(browser, opts) {
  const context = await browser.newContext({ viewport: opts.viewport ?? phone, serviceWorkers: 'block' })
  const wallet = opts.key ? new TestWallet(opts.key, opts) : null
  const requests = []
  const problems = []
  context.on('request', (r) => requests.push(r.url()))
  if (wallet) {
    await context.exposeBinding('__desciWallet', async (_src, method, params) => {
      try {
        return { result: await wallet.request(method, params) }
      } catch (e) {
        return { error: { code: e.code ?? -32603, message: e.shortMessage ?? e.message } }
      }
    })
    await context.addInitScript(injectWallet, { legacyOnly: !!opts.legacyOnly })
  }
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`)
  })
  if (wallet) {
    wallet.emit = (event, arg) => page.evaluate(([e, a]) => window.__desciWalletEmit?.(e, a), [event, arg]).catch(() => {})
  }
  return {
    context,
    page,
    wallet,
    /** Every URL the page requested so far. */
    requests,
    /** Fails if any request left the origin, or the page threw or broke its CSP. */
    checkClean() {
      const away = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'))
      assert.deepEqual(away, [], `requests left ${origin}`)
      assert.deepEqual(problems, [], 'the page had errors')
    },
  }
}

/** axe-core on the page as it is now: fails on any serious or critical violation. */
export async function checkA11y(page, label = page.url()) {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source)
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`),
    [],
    `axe-core on ${label}`,
  )
}

/** Screenshots of the page at phone and desktop widths: NAME-phone.png, NAME-desktop.png. */
export async function shoot(page, name) {
  mkdirSync(screenshots, { recursive: true })
  const was = page.viewportSize()
  for (const [label, size] of [['phone', phone], ['desktop', desktop]]) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true })
  }
  await page.setViewportSize(was)
}

/**
 * Loads path in a fresh context (cold cache) and measures what a first
 * visit costs: the JavaScript transferred (compressed, as sent) and the
 * time until the app marked itself interactive (performance.mark
 * 'desci:interactive', after its first render). Reported as METRIC lines.
 */
export async function measureFirstLoad(b, path, name = path) {
  const { page, context } = await b.open({})
  const scripts = []
  page.on('requestfinished', (r) => {
    if (r.resourceType() === 'script') scripts.push(r)
  })
  await page.goto(origin + path)
  await page.waitForFunction(() => performance.getEntriesByName('desci:interactive').length > 0)
  const interactive = await page.evaluate(() => performance.getEntriesByName('desci:interactive')[0].startTime)
  let bytes = 0
  for (const r of scripts) bytes += (await r.sizes()).responseBodySize
  metric(`first load ${name}: JavaScript transferred`, bytes, 'bytes')
  metric(`first load ${name}: interactive`, Math.round(interactive), 'ms')
  await context.close()
  return { bytes, interactive }
}
