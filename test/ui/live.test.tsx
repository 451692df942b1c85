import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventIndex } from '../../source/index/index.js';
import { userFlags, type UserInventory } from '../../source/aws/iam/index.js';
import type {
  ContainTarget,
  InventoryService,
  LiveProgressView,
  LiveService,
  LiveSummary,
} from '../../source/state/index.js';
import { BatchBuilder } from '../../source/trail/batch.js';
import { normalizeRecord } from '../../source/trail/normalize.js';
import { FakeContain } from '../helpers/fake-contain.js';
import { KEYS, type Tui } from '../helpers/render-tui.js';
import { iamUser, makeRecord, tempTree } from '../helpers/records.js';
import { applyFilter, DEMO, lines, statusLine, messageText, withTui } from './helpers.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

function newCasePath(): string {
  const tree = tempTree('live-ui');
  trees.push(tree);
  return join(tree.root, 'incident.json');
}

let stream = 5000;

/** Appends records to the index the way the live reader does: as a batch of a stream of its own. */
function append(index: EventIndex, records: Record<string, unknown>[]): void {
  const builder = new BatchBuilder(stream++);
  records.forEach((record, i) => {
    const normalized = normalizeRecord(record);
    if (normalized.ok) builder.add(normalized.fields, [String(record.eventID)], 0, i);
  });
  index.append(builder.take());
}

const progress = (events: number): LiveProgressView => ({
  regions: 2,
  pages: 1,
  events,
  cached: 0,
  throttles: 0,
  done: true,
});

/** An account whose next poll brings whatever the test queued. */
class FakeLive implements LiveService {
  account = '111122223333';
  arn = 'arn:aws:iam::111122223333:user/responder';
  regions = ['us-east-1', 'eu-west-1'];
  queued: Record<string, unknown>[] = [];
  polls = 0;
  constructor(private readonly index: () => EventIndex) {}

  async load(): Promise<LiveSummary> {
    return { progress: progress(0), cancelled: false, errors: [] };
  }

  async poll(): Promise<LiveSummary> {
    this.polls++;
    const records = this.queued.splice(0);
    if (records.length > 0) append(this.index(), records);
    return { progress: progress(records.length), cancelled: false, errors: [] };
  }

  async follow(intervalMs: number, signal: AbortSignal, onPoll: (summary: LiveSummary) => void) {
    while (!signal.aborted) {
      const summary = await this.poll();
      if (signal.aborted) return;
      onPoll(summary);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** IAM as a fake account holds it: KeyHunter with a console password, no MFA, two keys. */
class FakeInventory implements InventoryService {
  loads = 0;
  status = 'Active';
  async load(target: ContainTarget, options: { ipsByKey: ReadonlyMap<string, readonly string[]> }) {
    this.loads++;
    this.seenIps = options.ipsByKey;
    const inventory: UserInventory = {
      kind: 'user',
      name: target.name,
      arn: `arn:aws:iam::111122223333:user/${target.name}`,
      id: 'AIDAEXAMPLE',
      path: '/',
      accountId: '111122223333',
      createdAt: '2025-03-01T00:00:00Z',
      passwordLastUsed: undefined,
      permissionsBoundary: undefined,
      loginProfile: { createdAt: '2025-03-01T00:00:00Z', passwordResetRequired: false },
      accessKeys: [
        {
          id: 'AKIAKEYONE',
          status: this.status,
          createdAt: '2025-03-01T00:00:00Z',
          lastUsedAt: '2025-03-13T14:05:02Z',
          lastUsedService: 's3',
          lastUsedRegion: 'us-east-1',
        },
      ],
      mfaDevices: [],
      groups: [],
      groupPolicies: [],
      attachedPolicies: [
        { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      inlinePolicies: [],
      tags: [],
      signingCertificates: [],
      sshPublicKeys: [],
      serviceCredentials: [],
      gaps: [],
      readAt: '2026-12-04T13:00:00Z',
    };
    return { inventory, flags: userFlags(inventory, { now: new Date('2026-12-04T13:00:00Z') }) };
  }
  seenIps: ReadonlyMap<string, readonly string[]> | undefined;
}

describe('live account in the TUI', () => {
  it('a principal profile shows IAM now: flags first, the keys and policies; r reads it again', async () => {
    const inventory = new FakeInventory();
    await withTui({ sources: [DEMO], casePath: newCasePath(), inventory }, async (tui) => {
      await tui.press(':', 'user KeyHunter', KEYS.enter);
      await tui.waitFor((f) => f.includes('KeyHunter'), 'the profile');
      await tui.press('G');
      let frame = await tui.waitFor((f) => f.includes('IAM now'), 'the inventory section');
      expect(frame).toContain('! Console access without MFA');
      expect(frame).toContain('attached AdministratorAccess');
      expect(frame).toMatch(/key AKIAKEYONE Active · created 2025-03-01 · last used 2025-03-13 s3/);
      // The trail's addresses per key go with the request (a key used from several is flagged).
      expect([...(inventory.seenIps?.keys() ?? [])].length).toBeGreaterThan(0);
      inventory.status = 'Inactive';
      await tui.press('r');
      await tui.waitFor(() => inventory.loads === 2, 'the new read');
      await tui.press('g', 'G');
      frame = await tui.waitFor((f) => f.includes('AKIAKEYONE Inactive'), 'the new state');
      expect(inventory.loads).toBe(2);
    });
  });

  it('the status bar names the account, the caller and the regions; f follows and marks new events +', async () => {
    let index: EventIndex | undefined;
    const live = new FakeLive(() => index!);
    await withTui(
      { sources: [DEMO], casePath: newCasePath(), live, followSeconds: 0.05 },
      async (tui) => {
        index = tui.index;
        // At 80 columns the counts come first and the live part keeps its head; wider, all of it.
        expect(statusLine(tui.lastFrame())).toMatch(/^[\d,]+ events · .* · live 111122223333 as /);
        await tui.resize(120, 40);
        expect(statusLine(tui.lastFrame())).toContain(
          'live 111122223333 as user/responder (2 regions)',
        );
        live.queued.push(
          makeRecord({
            eventTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            eventName: 'PutBucketPolicy',
            userIdentity: iamUser('someone-else'),
          }),
        );
        await tui.press('f');
        expect(messageText(tui.lastFrame())).toContain('following: a poll every 0.05 s');
        await tui.waitFor(() => tui.store.getState().live.polls >= 1, 'a poll');
        // Once the message has been read (here: cleared), the live part says when it polled.
        tui.store.setState({ message: '' });
        await tui.waitFor((frame) => /following, polled \d\d:\d\d:\d\dZ/.test(statusLine(frame)));
        await tui.press('G');
        const frame = await tui.waitFor((f) => f.includes('PutBucketPolicy'), 'the new event');
        const row = lines(frame).find((line) => line.includes('PutBucketPolicy'))!;
        // Selected rows show › instead; one up, the new row keeps its + marker.
        await tui.press('k');
        const marked = lines(tui.lastFrame()).find((line) => line.includes('PutBucketPolicy'))!;
        expect(marked.startsWith('+')).toBe(true);
        expect(row).toContain('someone-else');
        await tui.press('f');
        expect(messageText(tui.lastFrame())).toContain('follow off');
      },
    );
  });

  it('a reopened session watches again what the case says was contained in the last 30 minutes', async () => {
    let index: EventIndex | undefined;
    const live = new FakeLive(() => index!);
    await withTui({ sources: [DEMO], casePath: newCasePath(), live }, async (tui) => {
      index = tui.index;
      tui.store
        .getState()
        .recordAudit('containment verified', 'user KeyHunter: ✓ deactivate access keys');
      await tui.store.getState().startLive();
      const watches = tui.store.getState().live.watches;
      expect(watches.map((watch) => watch.principal)).toEqual(['KeyHunter']);
      expect(watches[0]!.ips).toContain('102.88.109.159');
    });
  });

  it('after a verified containment, the contained user acting again raises a critical finding', async () => {
    let index: EventIndex | undefined;
    const live = new FakeLive(() => index!);
    const contain = new FakeContain();
    let redetections = 0;
    // A detection run over the new events that finds nothing: it must not take the alert away.
    const redetect = async () => {
      redetections++;
      tuiRef?.store.getState().setFindings([]);
    };
    let tuiRef: Tui | undefined;
    await withTui(
      { sources: [DEMO], casePath: newCasePath(), live, contain, followSeconds: 0.05, redetect },
      async (tui) => {
        tuiRef = tui;
        index = tui.index;
        await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin');
        await tui.press('C', ' ', KEYS.enter);
        await tui.waitFor((f) => f.includes('Plan: 2 calls'), 'the plan');
        await tui.press(KEYS.enter);
        await tui.waitFor((f) => f.includes('Verified by reading back'), 'the containment');
        expect(tui.store.getState().live.watches).toHaveLength(1);
        expect(tui.store.getState().live.watches[0]!.ips).toContain('102.88.109.159');
        await tui.press(KEYS.enter, 'f');
        // Someone else from elsewhere: not the watched principal, key or address.
        live.queued.push(
          makeRecord({
            eventTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            eventName: 'ListBuckets',
            userIdentity: iamUser('bystander'),
            sourceIPAddress: '203.0.113.99',
          }),
        );
        await tui.waitFor(() => live.polls >= 2 && live.queued.length === 0, 'a quiet poll');
        expect(tui.store.getState().findings.some((f) => f.ruleId.startsWith('contained'))).toBe(
          false,
        );
        // The intruder's address again, under another name.
        live.queued.push(
          makeRecord({
            eventTime: new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
            eventName: 'GetCallerIdentity',
            userIdentity: iamUser('aws_consoler'),
            sourceIPAddress: '102.88.109.159',
          }),
        );
        const frame = await tui.waitFor((f) => messageText(f).includes('ALERT'), 'the alert');
        expect(messageText(frame)).toContain('KeyHunter acted again after containment');
        const finding = tui.store
          .getState()
          .findings.find((f) => f.ruleId === 'contained-principal-active')!;
        expect(finding.severity).toBe('critical');
        expect(finding.rows.map((row) => tui.index.value(row, 'principal'))).toEqual([
          'aws_consoler',
        ]);
        await tui.press('F');
        expect(
          await tui.waitFor((f) => f.includes('A contained principal acted again')),
        ).toBeTruthy();
      },
    );
  });
});
