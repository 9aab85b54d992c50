// The donor's journeys: sign in, give to a grant through a matching round
// (the wallet sends the approval and the donation; gaslessly when the
// server relays), see the supporter badge and the round's estimate move;
// reclaim a donation from a grant that missed its goal and from a
// cancelled one; and the bad inputs, each answered in words.
import assert from 'node:assert/strict'
import { fixture, origin, launch, step, done, checkA11y, shoot, measureFirstLoad } from './harness.mjs'

const w = fixture.donor
const [grantA, grantB] = w.roundGrants
const b = await launch()

await step('first load of the donor page is small and quick', async () => {
  const { bytes } = await measureFirstLoad(b, '/donor', 'donor page')
  assert.ok(bytes < 250 * 1024, `${bytes} bytes of JavaScript, over 250 KB`)
})

let estimated = 0

/** Signs in on the current page with the injected wallet. */
async function signIn(page) {
  await page.getByRole('button', { name: /sign in/i }).click()
  await page.getByText(/signed in as/i).waitFor()
}

/** The estimated match of a grant, as the round's table says it (the text of its cell). */
async function matchOf(page, grant) {
  return (await page.locator(`td[data-match="${grant}"]`).innerText()).trim()
}

{
  const { page, wallet, checkClean } = await b.open({ key: fixture.keys['web donor'] })

  await step('the grants, rounds and a grant with its milestones are shown, accessibly, loading nothing from elsewhere', async () => {
    await page.goto(origin + '/donor')
    await page.getByRole('heading', { name: 'Grants' }).waitFor()
    await page.getByRole('link', { name: `Grant ${grantA}` }).waitFor()
    await page.getByText(/raised of/).first().waitFor()
    await checkA11y(page, '/donor')
    await shoot(page, 'donor-grants')
    await page.goto(origin + '/donor/grants/1')
    await page.getByRole('heading', { name: 'Milestones' }).waitFor()
    await page.getByText(/Evidence: “/).waitFor()
    await page.getByText(/anchored on the chain .* in block \d+/).waitFor()
    await page.getByText(/Approved by 2 of 2 reviewers/).waitFor()
    await checkA11y(page, '/donor/grants/1')
    await shoot(page, 'donor-grant-completed')
    checkClean()
  })

  await step('signs in on the round page; its chart has a table alternative', async () => {
    await page.goto(origin + `/donor/rounds/${w.round}`)
    await page.getByRole('heading', { name: `Matching round ${w.round}` }).waitFor()
    await signIn(page)
    await page.getByRole('table').waitFor()
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).waitFor()
    await checkA11y(page, `/donor/rounds/${w.round}`)
    checkClean()
  })

  await step('a donation above the balance is refused in words, before the wallet is asked', async () => {
    await page.getByLabel('Grant', { exact: true }).selectOption(String(grantB))
    await page.getByLabel(/Amount to give/).fill('5000')
    const before = wallet.calls.length
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    const alert = page.getByRole('alert').filter({ hasText: /You have 1,000 tUSD, less than the 5,000 tUSD you entered/ })
    await alert.waitFor()
    assert.match(await alert.innerText(), /desci grants faucet 0x/)
    assert.ok(!wallet.calls.slice(before).some((c) => /^eth_send|^eth_signTyped/.test(c.method)), 'the wallet was asked to pay or sign')
  })

  await step('an amount that is not one is refused in words', async () => {
    await page.getByLabel(/Amount to give/).fill('12.3456789')
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    await page.getByRole('alert').filter({ hasText: /tUSD has 6 decimal places/ }).waitFor()
  })

  await step('before signing, the page says what the donation adds to the match', async () => {
    await page.getByLabel(/Amount to give/).fill('10')
    const est = page.getByText(/Your donation of 10 tUSD adds about [\d,.]+ tUSD of matching/)
    await est.waitFor()
    assert.doesNotMatch(await est.innerText(), /adds about 0 tUSD/, 'a second donor to a grant adds to its match')
    estimated = Number(/adds about ([\d,.]+) tUSD/.exec(await est.innerText())[1].replace(/,/g, ''))
    await shoot(page, 'donor-round-estimate')
  })

  await step('a declined transaction says so, and nothing is given', async () => {
    wallet.decline.add('eth_sendTransaction')
    wallet.decline.add('eth_signTypedData_v4')
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    await page.getByRole('alert').filter({ hasText: /declined/i }).waitFor()
    wallet.decline.delete('eth_sendTransaction')
    wallet.decline.delete('eth_signTypedData_v4')
    assert.equal(await matchOf(page, grantB), '0 tUSD')
  })

  await step('donates through the round: the wallet sends the approval and the donation; the estimate moves', async () => {
    const before = await matchOf(page, grantB)
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    await page.getByRole('status').filter({ hasText: /Thank you: you gave 10 tUSD to grant/ }).waitFor({ timeout: 60_000 })
    await page.waitForFunction(
      ([g, b]) => document.querySelector(`td[data-match="${g}"]`)?.textContent.trim() !== b,
      [grantB, before],
      { timeout: 30_000 },
    )
    const after = await matchOf(page, grantB)
    assert.notEqual(after, before, 'the estimate did not move')
    // The browser's estimate (donor/qf.ts) against the server's matching
    // recomputed from the chain (grants/qf.go): the same to the cent.
    const now = Number(after.replace(/[^\d.]/g, ''))
    assert.ok(Math.abs(now - Number(before.replace(/[^\d.]/g, '')) - estimated) <= 0.011, `estimated ${estimated} tUSD more, the round now says ${after} (was ${before})`)
    const sent = wallet.calls.filter((c) => c.method === 'eth_sendTransaction' || c.method === 'eth_signTypedData_v4')
    assert.ok(sent.length >= 2, 'the wallet signed or sent fewer than two things')
    await checkA11y(page, 'round after a donation')
    await shoot(page, 'donor-round-donated')
    checkClean()
  })

  await step('the supporter badge is shown on the grant and in "Your giving"', async () => {
    await page.goto(origin + `/donor/grants/${grantB}`)
    await page.getByText(/You hold this grant’s supporter badge/).waitFor()
    await page.goto(origin + '/donor')
    await page.getByRole('img', { name: `Supporter badge for grant ${grantB}` }).waitFor()
    await shoot(page, 'donor-giving')
  })

  await step('a wallet on another account than the one signed in is refused in words', async () => {
    await page.goto(origin + `/donor/grants/${grantA}`)
    await page.getByLabel(/Amount to give/).waitFor()
    wallet.account = (await import('viem/accounts')).privateKeyToAccount(fixture.keys['refunder'])
    await page.getByLabel(/Amount to give/).fill('1')
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    await page.getByRole('alert').filter({ hasText: /but you signed in as/ }).waitFor()
    wallet.account = (await import('viem/accounts')).privateKeyToAccount(fixture.keys['web donor'])
  })

  await step('a wallet on another network whose user declines switching is told what to do; nothing is sent', async () => {
    await wallet.switchChain(1)
    await page.getByLabel(/Amount to give/).fill('1')
    const before = wallet.calls.length
    wallet.decline.add('wallet_switchEthereumChain')
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    await page.getByRole('alert').filter({ hasText: /Your wallet is on another network.*chain \d+/ }).waitFor()
    assert.ok(!wallet.calls.slice(before).some((c) => c.method === 'eth_sendTransaction'), 'a transaction was sent on the wrong network')
    wallet.decline.delete('wallet_switchEthereumChain')
    wallet.chainId = fixture.chainId
  })

  await step('an expired session is told to sign in again; nothing is sent', async () => {
    await page.evaluate(async () => {
      const s = JSON.parse(sessionStorage.getItem('desci.session'))
      await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` }, body: JSON.stringify({ query: 'mutation { signOut }' }) })
    })
    await page.getByLabel(/Amount to give/).fill('1')
    const before = wallet.calls.length
    await page.getByRole('button', { name: /^Donate$|Donate without gas/ }).click()
    await page.getByRole('alert').filter({ hasText: /Your session has ended. Sign in again/ }).waitFor({ timeout: 10_000 }).catch(async (e) => {
      throw new Error(`${e.message}\nthe page says: ${await page.locator('main').innerText()}`)
    })
    assert.ok(!wallet.calls.slice(before).some((c) => /^eth_send|^eth_signTyped/.test(c.method)), 'the wallet was asked to pay or sign')
    await page.getByRole('button', { name: /sign in/i }).first().waitFor()
  })
}

{
  const { page, wallet, checkClean } = await b.open({ key: fixture.keys['gasless donor'] })
  await step('a donor with tUSD and no ether gives without gas: two signatures, the server relays, the badge is theirs', async () => {
    await page.goto(origin + `/donor/grants/${grantA}`)
    await signIn(page)
    await page.getByLabel(/Amount to give/).fill('5')
    // The server relays: the donor signs typed data twice (permit and
    // donation) and sends nothing.
    await page.getByRole('button', { name: 'Donate without gas' }).click()
    await page.getByRole('status').filter({ hasText: /Thank you: you gave 5 tUSD/ }).waitFor({ timeout: 60_000 })
    assert.ok(!wallet.calls.some((c) => c.method === 'eth_sendTransaction'), 'a gasless donation sent a transaction from the wallet')
    assert.equal(wallet.calls.filter((c) => c.method === 'eth_signTypedData_v4').length, 2)
    await page.getByText(/You hold this grant’s supporter badge/).waitFor()
    checkClean()
  })
}

{
  const { page, checkClean } = await b.open({ key: fixture.keys['refunder'] })
  for (const [grant, why] of [
    [w.failedGrant, /missed its goal/],
    [w.cancelledGrant, /was cancelled/],
  ]) {
    await step(`reclaims a donation from grant ${grant}, which ${why.source}`, async () => {
      await page.goto(origin + `/donor/grants/${grant}`)
      if (!(await page.getByText(/signed in as/i).count())) await signIn(page)
      await page.getByText(why).first().waitFor()
      await checkA11y(page, `/donor/grants/${grant}`)
      await shoot(page, `donor-refund-${grant === w.failedGrant ? 'missed' : 'cancelled'}`)
      await page.getByRole('button', { name: 'Reclaim 100 tUSD' }).click()
      await page.getByRole('status').filter({ hasText: '100 tUSD is back in your account.' }).waitFor({ timeout: 60_000 })
      await page.getByText(/You have reclaimed 100 tUSD/).waitFor()
      assert.equal(await page.getByRole('button', { name: /Reclaim/ }).count(), 0)
      checkClean()
    })
  }
  await step('a donation to a grant that missed its goal is not offered', async () => {
    await page.goto(origin + `/donor/grants/${w.failedGrant}`)
    await page.getByRole('heading', { name: 'Milestones' }).waitFor()
    assert.equal(await page.getByLabel(/Amount to give/).count(), 0)
  })
}

await done()
