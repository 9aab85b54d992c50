// What a page needing a role shows before it: how to sign in, or how to
// get the role, in the same words on every page.

import type { ComponentChildren } from 'preact'
import { session } from '../session'

const people: Record<string, string> = { researcher: 'researchers', steward: 'data stewards' }

/** Its children when the signed-in address has one of roles; else what to do about it. */
export function RoleGate({ roles, doing, children }: { roles: string[]; doing: string; children: ComponentChildren }) {
  const s = session.value
  if (!s) {
    const who = roles.map((r) => people[r] ?? r).join(' and ')
    return (
      <p>
        Sign in with your wallet to {doing}. The server's operator gives {who} {roles.length > 1 ? 'their roles' : 'their role'} by wallet address.
      </p>
    )
  }
  if (roles.some((r) => s.roles.includes(r))) return <>{children}</>
  const lacks = roles.length > 1 ? `neither the ${roles.slice(0, -1).join(', the ')} nor the ${roles.at(-1)} role` : `no ${roles[0]} role`
  return (
    <p>
      You are signed in as {s.address}, which has {lacks} on this server. Ask its operator to add {roles.length > 1 ? 'one' : 'it'} (<code>desci serve --role {s.address}={roles[0]}</code>).
    </p>
  )
}
