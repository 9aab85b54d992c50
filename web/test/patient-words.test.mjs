// The patient's words (src/patient/words.ts, form.ts), checked with node's
// own test runner: `npm test` compiles them with the pinned tsc into
// .test-build/ and runs this file.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as w from '../.test-build/patient/words.js'
import * as f from '../.test-build/patient/form.js'

const dec31 = Date.UTC(2027, 11, 31) / 1000

test('the brief’s example consent reads as three sentences', () => {
  const c = { study: 'trial-42', subject: 'S1', uses: ['HMB'], modifiers: ['NPU', 'TS'], timeLimit: String(dec31), validUntil: String(dec31) }
  assert.equal(w.consentSummary(c), 'Health and medical research only. Not for companies that sell products. Until 31 December 2027.')
  assert.deepEqual(w.consentSentences(c).at(-1), 'This consent ends on 31 December 2027, unless you revoke it sooner.')
})

test('every permission and modifier has one sentence, ending in a full stop', () => {
  for (const u of w.USES) assert.match(w.useWords[u], /^[A-Z].*\.$/, u)
  for (const m of w.MODIFIERS) assert.match(w.modifierWords[m], /^[A-Z].*\.$/, m)
  assert.equal(new Set(Object.values(w.modifierWords)).size, w.MODIFIERS.length, 'two modifiers read the same')
})

test('details fill in the sentence: diseases, people, places, dates', () => {
  const c = {
    study: 's', subject: 'x', uses: ['DS'], diseases: ['MONDO:0005148', 'MONDO:0009999'],
    modifiers: ['COL', 'GS', 'PS', 'IS', 'MOR'], investigators: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'],
    region: 'eu', project: 'HbA1c', institution: 'Charité', moratorium: Date.UTC(2027, 5, 1) / 1000,
  }
  assert.deepEqual(w.consentSentences(c), [
    'Research on type 2 diabetes and MONDO:0009999 only.',
    'Only in collaboration with 0x7099…79C8.',
    'Only in the European Union.',
    'Only for the project “HbA1c”.',
    'Only at Charité.',
    'Nothing published before 1 June 2027.',
  ])
})

test('withheld rows say why, in the patient’s words', () => {
  assert.deepEqual(w.withheldReasons('withheld: no consent in force'), ['you had no consent in force for this study'])
  assert.deepEqual(w.withheldReasons('withheld: modifier NPU: the requester is not shown to be a non-profit; consent expired'), [
    'your consent allows only non-profit use, and the requester did not show they are a non-profit',
    'your consent had expired',
  ])
  assert.deepEqual(w.withheldReasons('withheld: something new'), ['something new'])
})

const consent = { hash: '0xaa', kind: 'consent', study: 'st', subject: 'S1', accepted: '2026-12-07T01:00:00Z', terms: { study: 'st', subject: 'S1', uses: ['HMB'], validUntil: String(dec31) } }
const revocation = { hash: '0xbb', kind: 'revocation', study: 'st', subject: 'S1', accepted: '2026-12-07T03:00:00Z', revokes: '0xAA' }
const access = (seq, time, outcome, extra = {}) => ({
  seq, time, study: 'st', subject: 'S1', requester: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', purpose: 'HbA1c in diabetes',
  allowed: true, outcome, extract: 'bafyextract', rowsReleased: 180, ...extra,
})

test('the timeline: newest first, each use under its consent, marked once revoked', () => {
  const log = [
    access(1, '2026-12-07T00:30:00Z', 'withheld: no consent in force'),
    access(2, '2026-12-07T02:00:00Z', 'released'),
    access(3, '2026-12-07T02:10:00Z', 'downloaded by 0x70997970C51812dc3A010C7d01b50e0d17dc79C8', { purpose: 'download (csv)' }),
    access(4, '2026-12-07T04:00:00Z', 'withheld: no consent in force'),
  ]
  const before = w.timeline(log, [consent])
  assert.deepEqual(before.map((e) => e.kind), ['withheld', 'downloaded', 'released', 'withheld'])
  const released = before.find((e) => e.seq === 2)
  assert.equal(released.title, '0x7099…79C8 received your de-identified data')
  assert.match(released.detail, /For “HbA1c in diabetes”, in study st/)
  assert.equal(released.consent, 'Under your consent of 7 December 2026: Health and medical research only.')
  assert.equal(released.affected, undefined)
  assert.equal(before.find((e) => e.seq === 1).extract, undefined, 'a withheld access names no extract of the patient')
  assert.match(before.find((e) => e.seq === 3).detail, /as csv/)

  const after = w.timeline(log, [consent, revocation])
  assert.match(after.find((e) => e.seq === 2).affected, /^You revoked this consent on 7 December 2026\. The holder was notified/)
  assert.equal(after.find((e) => e.seq === 4).affected, undefined)
  assert.match(after.find((e) => e.seq === 4).detail, /you had no consent in force/)
})

test('a release and a revocation in the same second: the release was under the consent', () => {
  const c = { ...consent, accepted: '2026-12-07T02:00:00Z' }
  const r = { ...revocation, accepted: '2026-12-07T02:00:00Z' }
  const [e] = w.timeline([access(2, '2026-12-07T02:00:00Z', 'released')], [c, r])
  assert.match(e.consent, /^Under your consent of 7 December 2026/)
  assert.match(e.affected, /^You revoked this consent/)
})

test('status now: none, in force, revoked, expired', () => {
  const now = new Date('2026-12-07T02:00:00Z')
  assert.equal(w.statusOf([], 'st', 'S1', now).state, 'none')
  assert.equal(w.statusOf([consent], 'st', 'S1', now).state, 'in force')
  assert.equal(w.statusOf([consent], 'st', 'S1', now).words, 'Your consent is in force: Health and medical research only.')
  assert.equal(w.statusOf([consent, revocation], 'st', 'S1', now).state, 'revoked')
  assert.equal(w.statusOf([consent], 'st', 'S1', new Date('2028-01-01T00:00:00Z')).state, 'expired')
  assert.equal(w.statusOf([consent], 'other', 'S1', now).state, 'none')
})

test('dates are the signed UTC dates, whatever the browser’s zone', () => {
  assert.equal(w.dateWords(dec31), '31 December 2027')
  assert.equal(w.dateWords('1798675200'), '31 December 2026')
  assert.equal(w.timeWords('2026-12-07T00:05:09Z'), '7 December 2026 at 00:05 UTC')
})

test('the form: defaults, problems by field, arguments', () => {
  const today = new Date('2026-12-07T10:00:00Z')
  const c = f.defaultChoices(today)
  assert.equal(c.validUntil, '2027-12-07')
  assert.deepEqual(f.check(c, today), {})
  const bad = f.check({ ...c, use: 'DS', modifiers: ['US', 'GS', 'TS', 'NPU', 'NPUNCU'], investigators: '0x12 ', validUntil: '2026-12-07' }, today)
  assert.deepEqual(Object.keys(bad).sort(), ['diseases', 'investigators', 'modifiers', 'region', 'timeLimit', 'validUntil'])
  assert.match(bad.investigators, /“0x12” is not an Ethereum address/)
  const args = f.toArgs('st', 'S1', { ...c, use: 'DS', diseases: ['MONDO:0005015'], modifiers: ['NPU', 'TS'], timeLimit: '2027-12-31', region: 'ignored' })
  assert.deepEqual(args, { study: 'st', subject: 'S1', uses: ['DS'], diseases: ['MONDO:0005015'], modifiers: ['NPU', 'TS'], timeLimit: '2027-12-31', validUntil: '2027-12-07' })
  assert.equal(w.consentSummary(f.preview('st', 'S1', { ...c, modifiers: ['NPU', 'TS'], timeLimit: '2027-12-31' })),
    'Health and medical research only. Not for companies that sell products. Until 31 December 2027.')
})
