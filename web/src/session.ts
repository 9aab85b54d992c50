// The signed-in session: kept in sessionStorage, so it ends with the tab
// and is never shared with another site (the page loads nothing from
// elsewhere; see the Content-Security-Policy in web/embed.go).

import { signal } from '@preact/signals'

export type Session = { address: string; token: string; expires: string; roles: string[] }

const key = 'desci.session'

function load(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Session | null
    if (s && Date.parse(s.expires) > Date.now()) return s
  } catch {
    /* a damaged entry is as good as none */
  }
  return null
}

export const session = signal<Session | null>(load())

export function saveSession(s: Session) {
  sessionStorage.setItem(key, JSON.stringify(s))
  session.value = s
}

export function clearSession() {
  sessionStorage.removeItem(key)
  session.value = null
}
