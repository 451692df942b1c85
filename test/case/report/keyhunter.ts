/**
 * The seed story as a case file: KeyHunter signs in to the console from Lagos without MFA, lists
 * the buckets, reads `Threat Intelligence.docx` from `dora-cloudbucket`, and the analyst
 * acknowledges the findings, marks the suspects and deactivates the key.
 */
import { emptyCase, type CaseFile } from '../../../source/case/model.js';
import { ATTACK_VERSION } from '../../../source/detect/attack.js';
import { geoDatabase } from '../../../source/geo/index.js';
import {
  eventFromRecord,
  type ReportFinding,
  type ReportInput,
  type ReportStep,
} from '../../../source/case/report/index.js';

export const ACCOUNT = '111122223333';
export const KEY = 'AKIAKEYHUNTEREXAMPLE';
export const ATTACKER_IP = '102.88.109.159';

const identity = {
  type: 'IAMUser',
  principalId: 'AIDAKEYHUNTEREXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/KeyHunter`,
  accountId: ACCOUNT,
  accessKeyId: KEY,
  userName: 'KeyHunter',
};

const browser =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

export const consoleLogin: Record<string, unknown> = {
  eventVersion: '1.09',
  userIdentity: { ...identity, accessKeyId: '' },
  eventTime: '2024-03-01T10:00:00Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  awsRegion: 'us-east-1',
  sourceIPAddress: ATTACKER_IP,
  userAgent: browser,
  requestParameters: null,
  responseElements: { ConsoleLogin: 'Success' },
  additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/console/home' },
  eventID: 'e0000000-0000-4000-8000-000000000001',
  eventType: 'AwsConsoleSignIn',
  recipientAccountId: ACCOUNT,
};

export const listBuckets: Record<string, unknown> = {
  eventVersion: '1.09',
  userIdentity: identity,
  eventTime: '2024-03-01T10:02:30Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'ListBuckets',
  awsRegion: 'us-east-1',
  sourceIPAddress: ATTACKER_IP,
  userAgent: '[S3Console/0.4]',
  requestParameters: { Host: 's3.amazonaws.com' },
  eventID: 'e0000000-0000-4000-8000-000000000002',
  recipientAccountId: ACCOUNT,
};

export const getObject: Record<string, unknown> = {
  eventVersion: '1.09',
  userIdentity: identity,
  eventTime: '2024-03-01T10:05:10Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress: ATTACKER_IP,
  userAgent: '[S3Console/0.4]',
  requestParameters: { bucketName: 'dora-cloudbucket', key: 'Threat Intelligence.docx' },
  resources: [
    { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::dora-cloudbucket/Threat Intelligence.docx' },
    { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::dora-cloudbucket' },
  ],
  eventID: 'e0000000-0000-4000-8000-000000000003',
  eventCategory: 'Data',
  recipientAccountId: ACCOUNT,
};

export const noMfa: ReportFinding = {
  ruleId: 'console-login-without-mfa',
  title: 'Console login without MFA',
  severity: 'medium',
  techniques: ['T1078.004'],
  principal: 'KeyHunter',
  first: '2024-03-01T10:00:00.000Z',
  last: '2024-03-01T10:00:00.000Z',
  summary: `KeyHunter signed in without MFA from ${ATTACKER_IP}`,
  verdict: 'acknowledged',
  verdictReason: 'not our admin',
};

export const chain: ReportFinding = {
  ruleId: 'chain-login-discovery-access',
  title: 'Console login, then discovery, then data access or IAM changes from the same address',
  severity: 'high',
  techniques: ['T1078.004', 'T1619', 'T1530', 'T1098'],
  principal: 'KeyHunter',
  first: '2024-03-01T10:00:00.000Z',
  last: '2024-03-01T10:05:10.000Z',
  summary: `KeyHunter signed in from new address ${ATTACKER_IP}, then ListBuckets, then GetObject dora-cloudbucket/Threat Intelligence.docx`,
  verdict: 'acknowledged',
  verdictReason: '',
};

export const steps: ReportStep[] = [
  { id: 'scope-principal', phase: 1, phaseTitle: 'Triage', title: 'Scope what the principal did' },
  { id: 'check-mfa', phase: 1, phaseTitle: 'Triage', title: 'Check how the principal signed in' },
  {
    id: 'deactivate-keys',
    phase: 2,
    phaseTitle: 'Containment',
    title: 'Deactivate the principal’s access keys',
  },
  { id: 'revoke-sessions', phase: 2, phaseTitle: 'Containment', title: 'Revoke active sessions' },
  { id: 'restore-access', phase: 3, phaseTitle: 'Recovery', title: 'Reset the console password' },
];

export function keyHunterCase(): CaseFile {
  const file = emptyCase(
    'case-2024-03-01-keyhunter',
    'KeyHunter in the console',
    new Date('2024-03-01T10:40:00Z'),
  );
  file.sources = [
    { kind: 'path', value: `/evidence/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/03/01` },
  ];
  file.suspects = [
    {
      kind: 'principal',
      value: 'KeyHunter',
      markedAt: '2024-03-01T10:44:00Z',
      note: 'no such employee',
    },
    { kind: 'ip', value: ATTACKER_IP, markedAt: '2024-03-01T10:44:30Z', note: '' },
    { kind: 'key', value: KEY, markedAt: '2024-03-01T10:46:00Z', note: 'console key' },
  ];
  file.pinned = [consoleLogin, getObject].map((record) => ({
    eventId: String(record.eventID),
    eventTime: String(record.eventTime),
    record,
    pinnedAt: '2024-03-01T10:50:00Z',
    note: '',
  }));
  file.eventNotes = { [String(getObject.eventID)]: 'the sensitive read' };
  file.findings = {
    'console-login-without-mfa|KeyHunter': {
      verdict: 'acknowledged',
      reason: 'not our admin',
      at: '2024-03-01T10:45:00Z',
      by: 'ana',
    },
  };
  file.steps = {
    'scope-principal': {
      state: 'done',
      reason: '',
      note: 'login, list, one object read',
      evidence: [String(getObject.eventID)],
      changedBy: 'ana',
      changedAt: '2024-03-01T11:00:00Z',
    },
    'deactivate-keys': {
      state: 'done',
      reason: '',
      note: '',
      evidence: [],
      changedBy: 'ana',
      changedAt: '2024-03-01T11:30:00Z',
    },
    'revoke-sessions': {
      state: 'skipped',
      reason: 'console session only, password reset ends it',
      note: '',
      evidence: [],
      changedBy: 'ana',
      changedAt: '2024-03-01T11:31:00Z',
    },
  };
  file.audit = [
    {
      at: '2024-03-01T10:44:00Z',
      by: 'ana',
      action: 'marked suspect',
      detail: 'principal KeyHunter',
    },
    {
      at: '2024-03-01T10:50:00Z',
      by: 'ana',
      action: 'pinned event',
      detail: String(getObject.eventID),
    },
    {
      at: '2024-03-01T11:30:00Z',
      by: `ana (arn:aws:iam::${ACCOUNT}:user/ana)`,
      action: 'deactivated access key',
      detail: `${KEY} of KeyHunter`,
    },
    {
      // As the TUI's containment screen writes it once IAM read back what the call changed.
      at: '2024-03-01T11:30:05Z',
      by: 'ana',
      action: 'containment verified',
      detail: `user KeyHunter: ✓ access key ${KEY} inactive`,
    },
  ];
  return file;
}

export function keyHunterInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const flagged = [
    { ...eventFromRecord(consoleLogin, false), findingTitles: [noMfa.title, chain.title] },
    { ...eventFromRecord(listBuckets, false), findingTitles: [chain.title] },
    { ...eventFromRecord(getObject, false), findingTitles: [chain.title] },
  ];
  const geo = geoDatabase();
  return {
    case: keyHunterCase(),
    generatedAt: '2024-03-01T12:00:00.000Z',
    events: flagged,
    findings: [noMfa, chain],
    steps,
    ipFacts: (ip) => geo.lookup(ip),
    ipDataDate: geo.dataDate,
    attackVersion: ATTACK_VERSION,
    ...overrides,
  };
}
