// GraphiQL at /graphiql, bundled from npm (graphiql 3: CodeMirror 5, no
// web workers) so that the page loads nothing from elsewhere: the session
// tokens this origin keeps must never sit beside a CDN's script. Queries go
// to this origin's /graphql; signed in on the web app, the console starts
// with its session's Authorization header.

import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import 'graphiql/graphiql.css'
import './graphiql.css'

type Params = { query: string; variables?: unknown; operationName?: string | null }

async function fetcher(params: Params, opts?: { headers?: Record<string, string> }) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(opts?.headers ?? {}) },
    body: JSON.stringify(params),
  })
  return res.json()
}

function sessionHeaders(): string | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem('desci.session') ?? 'null') as { token?: string } | null
    if (s?.token) return JSON.stringify({ Authorization: `Bearer ${s.token}` }, null, 2)
  } catch {
    /* no session */
  }
  return undefined
}

const defaultQuery = `# desci's GraphQL API. Ctrl-Enter runs the query; the Docs button lists every field.
{
  node { chainId blockNumber }
  grants(first: 5) { id state goal raised deadline }
  manifests(first: 5) { totalCount nodes { cid kind title status } }
}
`

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, { fetcher, defaultQuery, headers: sessionHeaders(), shouldPersistHeaders: false }),
)
