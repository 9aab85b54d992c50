export type Entry = { path: string; size: number; content: () => AsyncIterable<Uint8Array> } | { path: string; dir: true }
export const profiles: Record<string, { chunkSize: number; maxLinks: number; strategy: string }>
export function unixfsCids(entries: Entry[], profile: string, onBytes?: (bytes: number) => void): Promise<{ root: string; cids: Map<string, string> }>
