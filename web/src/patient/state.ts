// The patient's page state: what the server says is theirs, loaded once
// signed in and again after each change; and the page's two messages
// (a result, read politely; a problem, read at once).

import { signal } from '@preact/signals'
import { loadMine, type Mine } from './api'
import { patientProblem } from './sign'

export const mine = signal<Mine | null>(null)
export const loading = signal(false)
/** The last load failed (the problem says why). */
export const loadFailed = signal(false)
/** The last result, for the live region ("Your consent was recorded."). */
export const result = signal('')
/** The last problem, in words with the next step. */
export const problem = signal('')

let loadedFor = ''

export async function reload(address: string) {
  loadedFor = address
  loading.value = true
  loadFailed.value = false
  try {
    const m = await loadMine()
    if (loadedFor === address) mine.value = m
  } catch (e) {
    problem.value = patientProblem(e, 'load')
    loadFailed.value = true
  } finally {
    loading.value = false
  }
}

export function forget() {
  loadedFor = ''
  mine.value = null
}

export function say(r: string) {
  problem.value = ''
  result.value = r
}

export function fail(p: string) {
  result.value = ''
  problem.value = p
}

const seenKey = (a: string) => `desci.patient.seen.${a.toLowerCase()}`

/** The newest access-log entry the patient has seen on this device. */
export function lastSeen(address: string): number {
  return Number(localStorage.getItem(seenKey(address)) ?? '0') || 0
}

export function markSeen(address: string, seq: number) {
  if (seq > lastSeen(address)) localStorage.setItem(seenKey(address), String(seq))
}
