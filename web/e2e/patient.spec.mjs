// The patient's journey (issue 15 items 4 and 7): a patient enrolled by the
// demo (S0010, not consented) signs in with their wallet, consents in plain
// words, sees an extract the researcher makes appear in their timeline,
// revokes, and sees the extract marked. And the bad cases: a declined
// signature, a wallet on the wrong chain, another account, an expired
// session, a consent revoked elsewhere; a patient sees nothing of others.
import assert from 'node:assert/strict'
import { privateKeyToAccount } from 'viem/accounts'
import { createSiweMessage } from 'viem/siwe'
import { fixture, origin, launch, step, done, checkA11y, shoot, measureFirstLoad } from './harness.mjs'

const me = fixture.patient // {study, subject, dataset}
const myKey = fixture.keys['web patient']
const myAddress = privateKeyToAccount(myKey).address

/** The GraphQL API from Node, signed in with key (SIWE), as the researcher's or another device's client. */
async function apiAs(key) {
  const account = privateKeyToAccount(key)
  const call = async (query, variables = {}, token) => {
    const res = await fetch(origin + '/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    })
    const body = await res.json()
    if (body.errors?.length) throw Object.assign(new Error(body.errors[0].message), { code: body.errors[0].extensions?.code })
    return body.data
  }
  const { siweNonce } = await call('mutation { siweNonce }')
  const message = createSiweMessage({ domain: new URL(origin).host, address: account.address, uri: origin, version: '1', chainId: fixture.chainId, nonce: siweNonce, issuedAt: new Date() })
  const signature = await account.signMessage({ message })
  const { signIn } = await call('mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }', { m: message, s: signature })
  return { account, gql: (q, v) => call(q, v, signIn.token) }
}

/** What the page's own session may read, asked from inside the page with its token. */
async function inPage(page, query, variables = {}) {
  return page.evaluate(
    async ([query, variables]) => {
      const s = JSON.parse(sessionStorage.getItem('desci.session') ?? 'null')
      const res = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s?.token}` }, body: JSON.stringify({ query, variables }) })
      return res.json()
    },
    [query, variables],
  )
}

const b = await launch()

await step('first load of the patient page is small and quick', async () => {
  const { bytes, interactive } = await measureFirstLoad(b, '/patient', 'patient page')
  assert.ok(bytes < 250 * 1024, `${bytes} bytes of JavaScript, over 250 KB`)
  assert.ok(interactive < 1000, `interactive after ${interactive} ms, over 1 s`)
})

const { page, wallet, checkClean } = await b.open({ key: myKey })
const alert = () => page.getByRole('alert')
const status = () => page.getByRole('status')

await step('signed out, the page says what signing in is for', async () => {
  await page.goto(origin + '/patient')
  await page.getByRole('heading', { name: 'Sign in with your wallet' }).waitFor()
  await checkA11y(page, 'patient page, signed out')
  await shoot(page, 'patient-signed-out')
})

await step('a declined sign-in says so; nothing is signed', async () => {
  wallet.decline.add('personal_sign')
  await page.getByRole('main').getByRole('button', { name: /sign in/i }).click()
  await alert().filter({ hasText: /declined/i }).waitFor()
  wallet.decline.delete('personal_sign')
})

await step('signs in: their study, no consent yet, and the extract that left them out', async () => {
  await page.getByRole('main').getByRole('button', { name: /sign in/i }).click()
  await page.getByRole('heading', { name: 'Your studies' }).waitFor()
  const study = page.getByRole('article', { name: `Study ${me.study}` })
  await study.getByText('No consent yet').waitFor()
  await study.getByText(`Your study number: ${me.subject}`).waitFor()
  const log = page.locator('.timeline > li')
  assert.equal(await log.count(), 1, 'one access in the demo touched S0010')
  assert.match(await log.first().innerText(), /yours was left out[\s\S]*you had no consent in force for this study/)
  await checkA11y(page, 'patient page')
  await shoot(page, 'patient-studies')
})

await step('a patient sees nothing of other patients', async () => {
  const other = privateKeyToAccount(fixture.keys['patient 0']).address
  const log = await inPage(page, 'query($p: String) { accessLog(patient: $p) { subject } }', { p: other })
  assert.equal(log.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(log))
  const mine = await inPage(page, '{ enrollments { patient subject } consents { signer } accessLog { subject } }')
  assert.deepEqual(mine.data.enrollments, [{ patient: myAddress, subject: me.subject }])
  assert.ok(mine.data.accessLog.every((a) => a.subject === me.subject))
  const theirs = await inPage(page, 'query($s: String!, $j: String!) { revocationToSign(study: $s, subject: $j) }', { s: me.study, j: 'S0000' })
  assert.equal(theirs.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(theirs))
})

await step('the consent form, by keyboard, in plain words; a missing date is named', async () => {
  const give = page.getByRole('link', { name: 'Give consent' })
  await give.focus()
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: `Consent for study ${me.study}` }).waitFor()
  await page.getByLabel('Health and medical research only.').waitFor()
  const npu = page.getByLabel('Not for companies that sell products.')
  await npu.focus()
  await page.keyboard.press('Space')
  assert.ok(await npu.isChecked())
  const summary = page.getByRole('region', { name: 'In short, you allow' })
  assert.match(await summary.innerText(), /Health and medical research only\.\s+Not for companies that sell products\.\s+This consent ends on \d+ \w+ \d{4}/)
  await checkA11y(page, 'consent form')
  await shoot(page, 'patient-consent-form')
  const until = page.getByLabel('Your consent ends on')
  const was = await until.inputValue()
  await until.fill('')
  await page.getByRole('button', { name: 'Sign my consent in my wallet' }).click()
  await alert().filter({ hasText: 'Some answers need a change' }).waitFor()
  assert.equal(await until.getAttribute('aria-invalid'), 'true')
  await page.getByText('Choose the date your consent ends.').waitFor()
  assert.ok(!wallet.calls.some((c) => c.method === 'eth_signTypedData_v4'), 'the wallet was asked to sign a bad form')
  await until.fill(was)
})

const consentsNow = async () => (await inPage(page, '{ consents { kind } }')).data.consents.length

await step('a declined signature gives no consent', async () => {
  wallet.decline.add('eth_signTypedData_v4')
  await page.getByRole('button', { name: 'Sign my consent in my wallet' }).click()
  await alert().filter({ hasText: /declined in your wallet/ }).waitFor()
  wallet.decline.delete('eth_signTypedData_v4')
  assert.equal(await consentsNow(), 0)
})

await step('a wallet left on another chain is told which one to use', async () => {
  await wallet.switchChain(1)
  wallet.decline.add('wallet_switchEthereumChain')
  await page.getByRole('button', { name: 'Sign my consent in my wallet' }).click()
  await alert().filter({ hasText: `Your wallet is on another network. Switch it to` }).waitFor()
  assert.match(await alert().innerText(), new RegExp(`chain ${fixture.chainId}`))
  wallet.decline.delete('wallet_switchEthereumChain')
  assert.equal(await consentsNow(), 0)
})

await step('consents: the wallet signs the typed data the server gave (eth_signTypedData_v4), on the desci chain', async () => {
  await page.getByRole('button', { name: 'Sign my consent in my wallet' }).click()
  await status().filter({ hasText: `Your consent for study ${me.study} is signed and recorded` }).waitFor()
  assert.equal(wallet.chainId, fixture.chainId, 'the page switched the wallet back to the desci chain')
  const signed = wallet.calls.filter((c) => c.method === 'eth_signTypedData_v4').at(-1)
  const td = JSON.parse(signed.params[1])
  assert.equal(signed.params[0].toLowerCase(), myAddress.toLowerCase())
  assert.equal(td.primaryType, 'Consent')
  assert.deepEqual(Object.keys(td.types).sort(), ['Consent', 'EIP712Domain'])
  assert.equal(Number(td.domain.chainId), fixture.chainId)
  assert.deepEqual([td.message.study, td.message.subject, td.message.uses, td.message.modifiers], [me.study, me.subject, ['HMB'], ['NPU']])
  const study = page.getByRole('article', { name: `Study ${me.study}` })
  await study.getByText('Consent in force').waitFor()
  await study.getByText('Not for companies that sell products.', { exact: true }).waitFor()
  assert.equal(await consentsNow(), 1)
})

let extract
await step('the researcher takes an extract through the API; it appears in the patient’s timeline under their consent', async () => {
  const researcher = await apiAs(fixture.keys.researcher)
  const d = await researcher.gql(
    `mutation($d: String!, $s: String!) { requestExtract(dataset: $d, study: $s, purpose: "HbA1c and age in type 2 diabetes", use: "disease",
      disease: "MONDO:0005148", nonprofit: true, columns: ["subject_id", "age", "sex", "hba1c"], k: 2, format: "csv") { cid rows } }`,
    { d: me.dataset, s: me.study },
  )
  extract = d.requestExtract.cid
  await page.reload()
  const item = page.locator('.timeline > li', { hasText: extract })
  await item.waitFor()
  const text = await item.innerText()
  assert.match(text, /received your de-identified data/)
  assert.match(text, /For “HbA1c and age in type 2 diabetes”/)
  assert.match(text, /Under your consent of \d+ \w+ \d{4}: Health and medical research only\. Not for companies that sell products\./)
  assert.doesNotMatch(text, /Affected/)
  await page.getByRole('region', { name: 'Notices' }).getByText(/1 extract now holds your de-identified data/).waitFor()
  await checkA11y(page, 'timeline')
  await shoot(page, 'patient-timeline')
})

await step('revokes in one step, told first what revoking will and will not do', async () => {
  const open = page.getByRole('button', { name: 'Revoke my consent…' })
  await open.click()
  await page.getByRole('button', { name: 'Keep my consent' }).click()
  await page.waitForFunction(() => document.activeElement?.textContent === 'Revoke my consent…')
  await open.click()
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H4', 'focus moves to the panel')
  const panel = page.getByRole('region', { name: `Revoke your consent for study ${me.study}?` })
  await panel.getByText('Leave you out of every future extract from this study.').waitFor()
  await panel.getByText('Take back extracts already made: they stay with the researchers who hold them.').waitFor()
  await checkA11y(page, 'revoke')
  await shoot(page, 'patient-revoke')
  await panel.getByRole('button', { name: 'Revoke my consent', exact: true }).click()
  await status().filter({ hasText: `Your consent for study ${me.study} is revoked` }).waitFor()
  const study = page.getByRole('article', { name: `Study ${me.study}` })
  await study.getByText('Consent revoked').waitFor()
})

await step('the extract is marked: affected by the revocation, its holder notified', async () => {
  const item = page.locator('.timeline > li', { hasText: extract }).filter({ hasText: 'received your de-identified data' })
  await item.getByText('Affected by your revocation.').waitFor()
  assert.match(await item.innerText(), /The holder was notified, can get no new download of this extract, and future extracts leave you out; copies already made stay with them\./)
  await page.getByRole('region', { name: 'Notices' }).getByText(/1 extract holding your data was made under a consent you have since revoked/).waitFor()
  const researcher = await apiAs(fixture.keys.researcher)
  const { notices } = await researcher.gql('{ notices { extract event } }')
  assert.ok(notices.some((n) => n.extract === extract && n.event === 'consent.revoked'), 'the holder has no notice')
  await checkA11y(page, 'timeline after revoking')
  await shoot(page, 'patient-revoked')
})

await step('a consent revoked from another device: the page says so and shows where it stands', async () => {
  // A new consent in the page, its revoke panel opened ...
  await page.getByRole('link', { name: 'Give consent' }).click()
  await page.getByRole('button', { name: 'Sign my consent in my wallet' }).click()
  await status().filter({ hasText: 'is signed and recorded' }).waitFor()
  await page.getByRole('button', { name: 'Revoke my consent…' }).click()
  // ... while the patient revokes it elsewhere, with the same key.
  const other = await apiAs(myKey)
  const { revocationToSign: td } = await other.gql('query($s: String!, $j: String!) { revocationToSign(study: $s, subject: $j) }', { s: me.study, j: me.subject })
  const typed = typeof td === 'string' ? JSON.parse(td) : td
  const { EIP712Domain, ...types } = typed.types
  const signature = await other.account.signTypedData({ ...typed, types })
  await other.gql('mutation($d: String!) { submitConsent(document: $d) { hash } }', { d: JSON.stringify({ typedData: typed, signature }) })
  await page.getByRole('button', { name: 'Revoke my consent', exact: true }).click()
  await alert().filter({ hasText: 'This consent is no longer in force' }).waitFor()
  await page.getByRole('article', { name: `Study ${me.study}` }).getByText('Consent revoked').waitFor()
})

await step('another account in the wallet: signed out, and told why', async () => {
  await wallet.switchAccount(fixture.keys['patient 0'])
  await alert().filter({ hasText: 'Your wallet switched to another account' }).waitFor()
  await page.getByRole('heading', { name: 'Sign in with your wallet' }).waitFor()
  await wallet.switchAccount(myKey)
  await page.getByRole('main').getByRole('button', { name: /sign in/i }).click()
  await page.getByRole('heading', { name: 'Your studies' }).waitFor()
})

await step('an expired session: the page says to sign in again, and nothing is half done', async () => {
  await inPage(page, 'mutation { signOut }')
  await page.getByRole('link', { name: 'Give consent' }).click()
  await page.getByRole('button', { name: 'Sign my consent in my wallet' }).click()
  await alert().filter({ hasText: 'Your session has ended. Sign in again with your wallet' }).waitFor()
  await page.getByRole('heading', { name: 'Sign in with your wallet' }).waitFor()
  const other = await apiAs(myKey)
  const { consents } = await other.gql('{ consents { kind } }')
  assert.deepEqual(consents.map((c) => c.kind), ['consent', 'revocation', 'consent', 'revocation'])
  checkClean()
})

await done()
