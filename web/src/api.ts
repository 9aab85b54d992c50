// The GraphQL API of the server that served this page (same origin).
// Errors come back as ApiError with the server's words and its code
// (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, …) for the page to act on.

import { session, clearSession } from './session'

export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message)
  }
}

type Reply<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const s = session.value
  if (s) headers.Authorization = `Bearer ${s.token}`
  let res: Response
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) })
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK')
  }
  let body: Reply<T>
  try {
    body = await res.json()
  } catch {
    throw new ApiError(`The server answered ${res.status} ${res.statusText}. Try again in a moment.`, 'HTTP')
  }
  const e = body.errors?.[0]
  if (e) {
    const code = e.extensions?.code ?? 'ERROR'
    if (code === 'UNAUTHENTICATED' && s) {
      clearSession()
      throw new ApiError('Your session has ended. Sign in again with your wallet.', code)
    }
    throw new ApiError(e.message, code)
  }
  if (!body.data) throw new ApiError('The server sent an empty answer.', 'EMPTY')
  return body.data
}

export type Node = { chainId: number }

export async function nodeInfo(): Promise<Node> {
  const d = await gql<{ node: Node }>('query { node { chainId } }')
  return d.node
}
