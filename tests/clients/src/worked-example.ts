// A client typed from openapi/claimtracker.v1.json by openapi-typescript, driving the worked example with openapi-fetch.
// tsc --strict compiles it against the generated types first: a field the document gets wrong fails the build or an assert.
import assert from 'node:assert/strict';
import createClient from 'openapi-fetch';
import type { paths } from '../generated/claimtracker.js';

const client = createClient<paths>({
  baseUrl: process.env.CLAIMTRACKER_URL,
  headers: { authorization: `Bearer ${process.env.CLAIMTRACKER_KEY}` },
});

const resolved = await client.GET('/api/v1/sources/resolve', { params: { query: { name: 'Washington' } } });
assert.equal(resolved.data?.items[0].source.slug, 'us-government');

const claim = await client.GET('/api/v1/claims/{claimId}', { params: { path: { claimId: 'clm_3' } } });
assert.ok(claim.data?.attributions && claim.data.reviews, 'a single claim embeds its attributions and reviews');
assert.equal(claim.data.attributions.length, 2);
for (const attribution of claim.data.attributions) assert.equal(attribution.selector?.position.start, 1008);
assert.equal(claim.data.reviews[0].rating, 'mostly_true');

const kcna = await client.GET('/api/v1/sources/{sourceId}/claims', { params: { path: { sourceId: 'kcna' }, query: { limit: 20 } } });
assert.ok((kcna.data?.items.length ?? 0) >= 3);

const ambiguous = await client.POST('/api/v1/claims/{claimId}/attributions', {
  params: { path: { claimId: 'clm_6' } },
  body: { sourceId: 'us-government', documentId: 'doc_1', stance: 'asserts', quote: 'North Korea' },
});
assert.equal(ambiguous.response.status, 422);
assert.equal(ambiguous.error?.candidates?.length, 6);

const preview = await client.POST('/api/v1/extract', { body: { text: 'KCNA said the talks went well, according to Yonhap.' } });
assert.ok(preview.data);
for (const proposal of preview.data.proposals) assert.ok(proposal.source === null || typeof proposal.source?.name === 'string');

const search = await client.GET('/api/v1/search', { params: { query: { q: 'soldiers' } } });
assert.ok((search.data?.items.length ?? 0) >= 1);

console.log('typed client: worked example passed');
