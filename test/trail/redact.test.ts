import { describe, expect, it } from 'vitest';
import { detailLines } from '../../source/trail/detail-lines.js';
import { REDACTED, redactSecrets } from '../../source/trail/redact.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

/** The flaws2 AssumeRole records carry the session tokens AWS handed to the Lambda and ECS tasks. */
const TOKEN_PREFIX = 'FQoGZXIvYXdzE';

describe('secrets in records are never shown', () => {
  it('redacts secret fields at any depth, whatever their case, and keeps the rest', () => {
    const record = {
      eventName: 'AssumeRole',
      responseElements: {
        credentials: { accessKeyId: 'ASIAEXAMPLE', sessionToken: 'FQoG-secret', expiration: 'x' },
      },
      requestParameters: { items: [{ Password: 'hunter2' }, { name: 'ok' }] },
    };
    const redacted = redactSecrets(record);
    expect(redacted.responseElements.credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      sessionToken: REDACTED,
      expiration: 'x',
    });
    expect(redacted.requestParameters.items).toEqual([{ Password: REDACTED }, { name: 'ok' }]);
    // The input is left as it was: the index's re-read records stay evidence.
    expect(record.responseElements.credentials.sessionToken).toBe('FQoG-secret');
  });

  it('the detail pane shows no session token of the flaws2 role sessions', async () => {
    const lines = detailLines({
      eventName: 'AssumeRole',
      responseElements: { credentials: { sessionToken: `${TOKEN_PREFIX}xyz` } },
    });
    const text = lines.map((line) => line.text).join('\n');
    expect(text).not.toContain(TOKEN_PREFIX);
    expect(text).toContain(REDACTED);
  });

  it('events --format jsonl writes the records without their session tokens', async () => {
    const run = await runCli([
      'events',
      fixture('flaws2'),
      '--filter',
      'event:AssumeRole',
      '--format',
      'jsonl',
    ]);
    expect(run.code).toBe(0);
    const records = run.stdout.trim().split('\n');
    expect(records.length).toBeGreaterThan(0);
    expect(run.stdout).not.toContain(TOKEN_PREFIX);
    expect(run.stdout).toContain(REDACTED);
  });
});
