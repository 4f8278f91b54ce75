// The reference Standard Webhooks library verifies ClaimTracker's deliveries, before and after a secret rotation.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { rest } from './rest.mjs';

const received = [];
const waiting = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    received.push({ headers: request.headers, body });
    response.writeHead(204).end();
    waiting.splice(0).forEach((wake) => wake());
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const receiver = `http://127.0.0.1:${server.address().port}/hook`;

async function next(count) {
  const deadline = Date.now() + 20000;
  while (received.length < count) {
    assert.ok(Date.now() < deadline, `only ${received.length} of ${count} deliveries arrived`);
    await new Promise((resolve) => { waiting.push(resolve); setTimeout(resolve, 200); });
  }
  return received[count - 1];
}

const created = await rest('POST', '/api/v1/webhooks', { url: receiver, events: ['claim.*'], description: 'standardwebhooks' });
const first = created.secret;
await rest('POST', '/api/v1/claims', { text: `Webhook claim ${Date.now()}`, language: 'en' });
const delivery = await next(1);
const event = new Webhook(first).verify(delivery.body, delivery.headers);
assert.equal(event.type, 'claim.created');
assert.throws(() => new Webhook(first).verify(delivery.body.replace('claim', 'clam'), delivery.headers), WebhookVerificationError);

// Rotation: the new secret signs, and during the overlap the old one still verifies.
const rotated = await rest('POST', `/api/v1/webhooks/${created.webhook.id}/rotate-secret?overlapSeconds=3600`);
assert.notEqual(rotated.secret, first);
await rest('POST', '/api/v1/claims', { text: `Webhook claim after rotation ${Date.now()}`, language: 'en' });
const after = await next(2);
assert.equal(new Webhook(rotated.secret).verify(after.body, after.headers).type, 'claim.created');
assert.equal(new Webhook(first).verify(after.body, after.headers).type, 'claim.created');

server.close();
console.log(`webhooks: ${received.length} deliveries verified`);
