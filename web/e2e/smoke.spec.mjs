// The app loads, a wallet is found, added to the desci chain and signs in;
// nothing leaves the origin; the start page is accessible at phone width.
import assert from 'node:assert/strict'
import { fixture, origin, launch, step, done, checkA11y, shoot, measureFirstLoad } from './harness.mjs'

const b = await launch()

await step('first load of the start page is small', async () => {
  const { bytes } = await measureFirstLoad(b, '/', 'start page')
  assert.ok(bytes < 250 * 1024, `${bytes} bytes of JavaScript, over 250 KB`)
})

const { page, wallet, checkClean } = await b.open({ key: fixture.keys['donor'] })

await step('the start page is accessible and sends nothing elsewhere', async () => {
  await page.goto(origin + '/')
  await page.getByRole('heading', { level: 1 }).waitFor()
  await checkA11y(page, 'start page')
  await shoot(page, 'start')
  checkClean()
})

await step('a declined sign-in says so, and nothing is signed', async () => {
  wallet.decline.add('personal_sign')
  await page.getByRole('button', { name: /sign in/i }).click()
  await page.getByRole('alert').filter({ hasText: /declined/i }).waitFor()
  wallet.decline.delete('personal_sign')
})

await step('sign in: the wallet adds the desci chain, switches to it and signs a SIWE message', async () => {
  await page.getByRole('button', { name: /sign in/i }).click()
  await page.getByText(/signed in as/i).waitFor()
  const added = wallet.calls.find((c) => c.method === 'wallet_addEthereumChain')
  assert.ok(added, 'the page never asked the wallet to add the chain')
  assert.equal(Number(added.params[0].chainId), fixture.chainId)
  assert.equal(added.params[0].rpcUrls[0], origin + '/rpc')
  const signed = wallet.calls.find((c) => c.method === 'personal_sign')
  assert.ok(signed, 'no personal_sign')
  assert.match(Buffer.from(signed.params[0].slice(2), 'hex').toString(), /wants you to sign in with your Ethereum account/)
  checkClean()
})

await done()
