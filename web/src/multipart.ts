// The GraphQL multipart request (the spec the server takes for uploads),
// sent with XMLHttpRequest for its upload progress, which fetch lacks.

import { ApiError } from './api'
import { session } from './session'

/** An error the server answered, with its extensions (code, line, column, …). */
export class UploadError extends ApiError {
  constructor(
    message: string,
    code: string,
    readonly extensions: { code?: string; line?: number; column?: string },
  ) {
    super(message, code)
  }
}

/**
 * Posts query with files at their variable paths ("variables.file",
 * "variables.files.0", …; set those variables to null), reporting the bytes
 * sent. interrupted is what to say when the connection drops.
 */
export function postMultipart<T>(query: string, variables: Record<string, unknown>, files: [string, File][], onProgress: (sent: number, total: number) => void, interrupted: string): Promise<T> {
  const form = new FormData()
  form.append('operations', JSON.stringify({ query, variables }))
  form.append('map', JSON.stringify(Object.fromEntries(files.map(([path], i) => [String(i), [path]]))))
  files.forEach(([, f], i) => form.append(String(i), f, f.name))
  return new Promise((ok, fail) => {
    const x = new XMLHttpRequest()
    x.open('POST', '/graphql')
    x.setRequestHeader('Authorization', `Bearer ${session.value?.token ?? ''}`)
    x.upload.onprogress = (e) => onProgress(e.loaded, e.total)
    x.onload = () => {
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string; line?: number; column?: string } }[] }
      try {
        body = JSON.parse(x.responseText)
      } catch {
        return fail(new ApiError(`The server answered ${x.status}. Try again in a moment.`, 'HTTP'))
      }
      const e = body.errors?.[0]
      if (e) fail(new UploadError(e.message, e.extensions?.code ?? 'ERROR', e.extensions ?? {}))
      else if (body.data) ok(body.data)
      else fail(new ApiError('The server sent an empty answer.', 'EMPTY'))
    }
    x.onerror = () => fail(new ApiError(interrupted, 'NETWORK'))
    x.send(form)
  })
}
