/**
 * The MITRE ATT&CK techniques our rules cite, pinned to one release so that names do not drift
 * under a report: ATT&CK changes names and splits techniques between versions.
 */
export const ATTACK_VERSION = 'ATT&CK v17 (Enterprise, Cloud/IaaS)';

export interface Technique {
  name: string;
  tactic: string;
}

export const TECHNIQUES: Readonly<Record<string, Technique>> = {
  T1078: { name: 'Valid Accounts', tactic: 'Initial Access' },
  'T1078.004': { name: 'Valid Accounts: Cloud Accounts', tactic: 'Initial Access' },
  T1110: { name: 'Brute Force', tactic: 'Credential Access' },
  'T1552.005': {
    name: 'Unsecured Credentials: Cloud Instance Metadata API',
    tactic: 'Credential Access',
  },
  'T1550.001': {
    name: 'Use Alternate Authentication Material: Application Access Token',
    tactic: 'Defense Evasion',
  },
  T1098: { name: 'Account Manipulation', tactic: 'Persistence' },
  'T1098.001': {
    name: 'Account Manipulation: Additional Cloud Credentials',
    tactic: 'Persistence',
  },
  'T1098.003': { name: 'Account Manipulation: Additional Cloud Roles', tactic: 'Persistence' },
  'T1136.003': { name: 'Create Account: Cloud Account', tactic: 'Persistence' },
  T1648: { name: 'Serverless Execution', tactic: 'Execution' },
  T1525: { name: 'Implant Internal Image', tactic: 'Persistence' },
  'T1548.005': {
    name: 'Abuse Elevation Control Mechanism: Temporary Elevated Cloud Access',
    tactic: 'Privilege Escalation',
  },
  T1199: { name: 'Trusted Relationship', tactic: 'Initial Access' },
  T1580: { name: 'Cloud Infrastructure Discovery', tactic: 'Discovery' },
  T1619: { name: 'Cloud Storage Object Discovery', tactic: 'Discovery' },
  T1526: { name: 'Cloud Service Discovery', tactic: 'Discovery' },
  'T1087.004': { name: 'Account Discovery: Cloud Account', tactic: 'Discovery' },
  'T1069.003': { name: 'Permission Groups Discovery: Cloud Groups', tactic: 'Discovery' },
  T1530: { name: 'Data from Cloud Storage', tactic: 'Collection' },
  'T1562.001': { name: 'Impair Defenses: Disable or Modify Tools', tactic: 'Defense Evasion' },
  'T1562.007': {
    name: 'Impair Defenses: Disable or Modify Cloud Firewall',
    tactic: 'Defense Evasion',
  },
  'T1555.006': {
    name: 'Credentials from Password Stores: Cloud Secrets Management Stores',
    tactic: 'Credential Access',
  },
  T1552: { name: 'Unsecured Credentials', tactic: 'Credential Access' },
  T1651: { name: 'Cloud Administration Command', tactic: 'Execution' },
  'T1562.008': { name: 'Impair Defenses: Disable or Modify Cloud Logs', tactic: 'Defense Evasion' },
  T1537: { name: 'Transfer Data to Cloud Account', tactic: 'Exfiltration' },
  T1485: { name: 'Data Destruction', tactic: 'Impact' },
  T1490: { name: 'Inhibit System Recovery', tactic: 'Impact' },
  T1666: { name: 'Modify Cloud Resource Hierarchy', tactic: 'Defense Evasion' },
};

/** "T1078.004 Valid Accounts: Cloud Accounts", or the bare id for a technique we do not list. */
export function describeTechnique(id: string): string {
  const technique = TECHNIQUES[id.toUpperCase()];
  return technique ? `${id.toUpperCase()} ${technique.name}` : id.toUpperCase();
}
