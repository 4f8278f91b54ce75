-- Until issue 16 a failed webhook try stored the start of the receiver's answer: "HTTP 500 <its reason phrase>: <up to
-- 200 characters of its body>", copied into the webhook's disabled_reason too. That is another service's data (error
-- pages carry stack traces, hosts, sometimes secrets), so only "HTTP <status>" of it is kept; new tries store our words.
UPDATE webhook_attempts SET error = substr(error, 1, 8)
WHERE error GLOB 'HTTP [0-9][0-9][0-9]*' AND length(error) > 8;

UPDATE webhooks SET disabled_reason = substr(disabled_reason, 1, instr(disabled_reason, 'the last: HTTP ') + 17)
WHERE instr(disabled_reason, 'the last: HTTP ') > 0 AND length(disabled_reason) > instr(disabled_reason, 'the last: HTTP ') + 17;
