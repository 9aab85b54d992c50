// The patient's side of the GraphQL API: what they are enrolled in, what
// they signed, who used their rows; the typed data to sign and the
// signed document back. The server checks every answer is the signed-in
// patient's own (doc/consent.md); nothing here asks about anyone else.

import { gql, ApiError } from '../api'
import type { Access, ConsentTerms, Doc } from './words'

export type Enrollment = { study: string; subject: string }
export type Mine = { enrollments: Enrollment[]; docs: Doc[]; log: Access[] }

type ConsentRecord = { hash: string; kind: string; study: string; subject: string; accepted: string; document: unknown }

/** Everything the patient's page shows, in one request. */
export async function loadMine(): Promise<Mine> {
  const d = await gql<{ enrollments: Enrollment[]; consents: ConsentRecord[]; accessLog: Access[] }>(`query {
    enrollments { study subject }
    consents { hash kind study subject accepted document }
    accessLog { seq time study subject requester purpose allowed outcome extract rowsReleased dataset }
  }`)
  return { enrollments: d.enrollments, docs: d.consents.map(toDoc), log: d.accessLog }
}

function toDoc(r: ConsentRecord): Doc {
  let wire = r.document as { typedData?: { message?: { [k: string]: unknown } } } | string
  if (typeof wire === 'string') wire = JSON.parse(wire)
  const m = (typeof wire === 'object' && wire?.typedData?.message) || {}
  const doc: Doc = { hash: r.hash, kind: r.kind === 'revocation' ? 'revocation' : 'consent', study: r.study, subject: r.subject, accepted: r.accepted }
  if (doc.kind === 'consent') doc.terms = m as unknown as ConsentTerms
  else doc.revokes = String((m as { consent?: string }).consent ?? '')
  return doc
}

/** EIP-712 typed data as the server gives it (eth_signTypedData_v4's shape). */
export type TypedData = {
  types: { [name: string]: { name: string; type: string }[] }
  primaryType: string
  domain: { name?: string; version?: string; chainId?: number; salt?: `0x${string}` }
  message: { [k: string]: unknown }
}

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T
}

export async function consentToSign(args: { [k: string]: unknown }): Promise<TypedData> {
  const d = await gql<{ consentToSign: unknown }>(
    `query($study: String!, $subject: String!, $uses: [String!]!, $diseases: [String!], $modifiers: [String!], $investigators: [String!],
      $region: String, $project: String, $institution: String, $timeLimit: String, $moratorium: String, $validUntil: String!) {
      consentToSign(study: $study, subject: $subject, uses: $uses, diseases: $diseases, modifiers: $modifiers, investigators: $investigators,
        region: $region, project: $project, institution: $institution, timeLimit: $timeLimit, moratorium: $moratorium, validUntil: $validUntil)
    }`,
    args,
  )
  return json<TypedData>(d.consentToSign)
}

export async function revocationToSign(study: string, subject: string): Promise<TypedData> {
  const d = await gql<{ revocationToSign: unknown }>('query($s: String!, $j: String!) { revocationToSign(study: $s, subject: $j) }', { s: study, j: subject })
  return json<TypedData>(d.revocationToSign)
}

export type Submitted = { hash: string; kind: string; study: string; subject: string }

const fields = '{ hash kind study subject }'

/**
 * Sends the signed document in its wire form (doc/consent.md) as JSON
 * (submitConsent's signed argument); a server from before that argument
 * takes it as a string (document), and is sent that instead.
 */
export async function submitDocument(typedData: TypedData, signature: string): Promise<Submitted> {
  const wire = { typedData, signature }
  try {
    const d = await gql<{ submitConsent: Submitted }>(`mutation($s: JSON!) { submitConsent(signed: $s) ${fields} }`, { s: wire })
    return d.submitConsent
  } catch (e) {
    // The query is refused as a whole, before anything runs.
    if (!(e instanceof ApiError) || !/Unknown argument "signed"/.test(e.message)) throw e
  }
  const d = await gql<{ submitConsent: Submitted }>(`mutation($d: String!) { submitConsent(document: $d) ${fields} }`, { d: JSON.stringify(wire) })
  return d.submitConsent
}
