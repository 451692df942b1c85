/**
 * Ordinary read calls with the request parameters CloudTrail records for them. Read-only calls
 * never carry responseElements, which is why none are given here.
 */

import { GLOBAL_REGION, type Region } from './cast.js';
import type { Call } from './record.js';
import type { Rng } from './random.js';

function read(service: string, name: string, region: Region, request: Call['request']): Call {
  return { service, name, region, readOnly: true, request };
}

export const reads = {
  describeInstances: (region: Region): Call =>
    read('ec2', 'DescribeInstances', region, { instancesSet: {}, filterSet: {} }),
  describeSecurityGroups: (region: Region): Call =>
    read('ec2', 'DescribeSecurityGroups', region, {
      securityGroupSet: {},
      securityGroupIdSet: {},
      filterSet: {},
    }),
  describeVpcs: (region: Region): Call =>
    read('ec2', 'DescribeVpcs', region, { vpcSet: {}, filterSet: {} }),
  describeSubnets: (region: Region): Call =>
    read('ec2', 'DescribeSubnets', region, { subnetSet: {}, filterSet: {} }),
  describeVolumes: (region: Region): Call =>
    read('ec2', 'DescribeVolumes', region, { volumeSet: {}, filterSet: {} }),
  describeLogGroups: (region: Region): Call => read('logs', 'DescribeLogGroups', region, {}),
  describeAlarms: (region: Region): Call =>
    read('monitoring', 'DescribeAlarms', region, { maxRecords: 100 }),
  describeDbInstances: (region: Region): Call =>
    read('rds', 'DescribeDBInstances', region, { maxRecords: 100 }),
  listFunctions: (region: Region): Call => read('lambda', 'ListFunctions20150331', region, null),
  getFunction: (region: Region, functionName: string): Call =>
    read('lambda', 'GetFunction20150331v2', region, { functionName }),
  listTables: (region: Region): Call => read('dynamodb', 'ListTables', region, null),
  describeParameters: (region: Region): Call =>
    read('ssm', 'DescribeParameters', region, { maxResults: 50 }),
  listKeys: (region: Region): Call => read('kms', 'ListKeys', region, null),
  describeTrails: (region: Region): Call =>
    read('cloudtrail', 'DescribeTrails', region, { trailNameList: [], includeShadowTrails: true }),
  getCallerIdentity: (region: Region = GLOBAL_REGION): Call =>
    read('sts', 'GetCallerIdentity', region, null),
  listUsers: (): Call => read('iam', 'ListUsers', GLOBAL_REGION, null),
  listRoles: (): Call => read('iam', 'ListRoles', GLOBAL_REGION, null),
  listPolicies: (): Call =>
    read('iam', 'ListPolicies', GLOBAL_REGION, { scope: 'Local', onlyAttached: false }),
  listGroups: (): Call => read('iam', 'ListGroups', GLOBAL_REGION, null),
  getAccountSummary: (): Call => read('iam', 'GetAccountSummary', GLOBAL_REGION, null),
  getAccountAuthorizationDetails: (): Call =>
    read('iam', 'GetAccountAuthorizationDetails', GLOBAL_REGION, {
      filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
    }),
  getUser: (userName: string): Call => read('iam', 'GetUser', GLOBAL_REGION, { userName }),
  listAccessKeys: (userName: string): Call =>
    read('iam', 'ListAccessKeys', GLOBAL_REGION, { userName }),
  listAttachedUserPolicies: (userName: string): Call =>
    read('iam', 'ListAttachedUserPolicies', GLOBAL_REGION, { userName }),
  getRole: (roleName: string): Call => read('iam', 'GetRole', GLOBAL_REGION, { roleName }),
  listMfaDevices: (userName: string): Call =>
    read('iam', 'ListMFADevices', GLOBAL_REGION, { userName }),
};

/** What someone looking around a region typically opens, in no particular order. */
const REGIONAL_BROWSING: Array<(region: Region) => Call> = [
  reads.describeInstances,
  reads.describeInstances,
  reads.describeSecurityGroups,
  reads.describeVpcs,
  reads.describeSubnets,
  reads.describeVolumes,
  reads.describeLogGroups,
  reads.describeAlarms,
  reads.describeDbInstances,
  reads.listFunctions,
  reads.listTables,
  reads.describeParameters,
  reads.listKeys,
];

/** `count` random read calls in `region`, as a person browsing or a script inventorying. */
export function browse(rng: Rng, region: Region, count: number): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < count; i++) calls.push(rng.pick(REGIONAL_BROWSING)(region));
  return calls;
}
