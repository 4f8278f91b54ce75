// Google's own Node client for Fact Check Tools (@googleapis/factchecktools) against ClaimTracker's claims:search:
// only the root URL and the key change. Filters, paging with nextPageToken, and errors as the client surfaces them.
import assert from 'node:assert/strict';
import { factchecktools } from '@googleapis/factchecktools';
import { base, key, rest } from './rest.mjs';

const google = factchecktools({ version: 'v1alpha1', auth: key, rootUrl: `${base}/` });

// The worked example's reviewed claim, as Google's client parses it.
const { data } = await google.claims.search({ query: 'soldiers', languageCode: 'en' });
assert.equal(data.claims.length, 1);
const [claim] = data.claims;
assert.match(claim.text, /10,000 soldiers/);
assert.equal(claim.claimant, 'United States government, Government of South Korea');
assert.equal(claim.claimReview[0].publisher.name, 'ClaimTracker demo desk');
assert.equal(claim.claimReview[0].textualRating, 'Mostly true');
assert.equal(claim.claimReview[0].languageCode, 'en');
const site = claim.claimReview[0].publisher.site;

// Filters: language by its primary subtag, the publisher's site, the review's age.
assert.equal((await google.claims.search({ query: 'soldiers', languageCode: 'en-US' })).data.claims.length, 1);
assert.equal((await google.claims.search({ query: 'soldiers', languageCode: 'fr' })).data.claims, undefined);
assert.equal((await google.claims.search({ reviewPublisherSiteFilter: site })).data.claims.length >= 1, true);
assert.equal((await google.claims.search({ query: 'soldiers', reviewPublisherSiteFilter: 'elsewhere.example' })).data.claims, undefined);
assert.equal((await google.claims.search({ query: 'soldiers', maxAgeDays: 100000 })).data.claims.length, 1);

// Paging: three reviewed claims on one word, one per page, each once.
const word = `paging${Date.now()}`;
for (const n of [1, 2, 3]) {
  const created = await rest('POST', '/api/v1/claims', { text: `Claim ${n} about ${word}`, language: 'en' });
  await rest('POST', `/api/v1/claims/${created.id}/reviews`, { rating: 'false', reviewer: 'Node desk', url: `https://factcheck.example.org/${word}/${n}` });
}
const seen = [];
let pageToken;
do {
  const page = await google.claims.search({ query: word, pageSize: 1, pageToken });
  assert.equal(page.data.claims.length, 1);
  seen.push(page.data.claims[0].text);
  pageToken = page.data.nextPageToken;
} while (pageToken);
assert.deepEqual(seen.toSorted(), [1, 2, 3].map((n) => `Claim ${n} about ${word}`));
assert.equal((await google.claims.search({ query: word, pageSize: 2, offset: 2 })).data.claims.length, 1);

// Errors: Google's shape, which the client turns into an error carrying code and status.
async function failure(params, options) {
  try {
    await (options ? factchecktools({ version: 'v1alpha1', ...options, rootUrl: `${base}/` }) : google).claims.search(params);
  } catch (error) {
    return { code: error.status ?? error.response?.status, body: error.response?.data };
  }
  assert.fail(`no error for ${JSON.stringify(params)}`);
}
const bad = await failure({ query: 'soldiers', pageSize: -1 });
assert.equal(bad.code, 400);
assert.equal(bad.body.error.status, 'INVALID_ARGUMENT');
assert.equal(bad.body.error.details[0].fieldViolations[0].field, 'pageSize');
const missing = await failure({});
assert.equal(missing.code, 400);
const anonymous = await failure({ query: 'soldiers' }, { auth: 'ct_not_a_key' });
assert.equal(anonymous.code, 401);
assert.equal(anonymous.body.error.status, 'UNAUTHENTICATED');

console.log('factchecktools: all checks passed');
