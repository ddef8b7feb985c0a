import type { ConnectorContext, Stream, StreamCheckpoint, StreamPage } from './types.js'

/**
 * Test support for every connector: each page of a read, optionally stopping after `limit`
 * pages (a crash right after a page was committed).
 */
export async function readPages<Cfg>(
  stream: Stream<Cfg>,
  ctx: ConnectorContext<Cfg>,
  from: StreamCheckpoint | null = null,
  limit = Infinity,
): Promise<StreamPage[]> {
  const pages: StreamPage[] = []
  for await (const page of stream.read(ctx, from)) {
    pages.push(page)
    if (pages.length >= limit) break
  }
  return pages
}
