import { stringifyJson } from './deep-json.js';
import type { RawRecord } from './event.js';
import { operationName } from './event-name.js';
import { asObject, asText } from './fields.js';

/**
 * The few fields of a full record that the built-in rules need beyond the index's columns, cut
 * down to a handful of short strings: at a million events the candidates can number a hundred
 * thousand, and keeping their parsed records would cost gigabytes.
 */
export interface RecordFacts {
  eventId: string;
  /** ConsoleLogin: additionalEventData.MFAUsed, lowercased ('yes' / 'no'). */
  mfa?: string;
  /** ConsoleLogin: responseElements.ConsoleLogin ('Success' / 'Failure'). */
  outcome?: string;
  /** IAM calls that act on a user: requestParameters.userName. */
  targetUser?: string;
  /** CreateUser / CreateRole: requestParameters.path. */
  path?: string;
  /** CreateAccessKey: the new key's id (the secret is never read). */
  createdKey?: string;
  /** AssumeRole*: the role asked for. */
  roleArn?: string;
  /** Snapshot, image and DB snapshot sharing: the accounts (or 'all') access was given to. */
  sharedWith?: string[];
  /** Bucket policy, ACL or public-access block changes that open a bucket to everyone. */
  public?: boolean;
  /** PutBucketVersioning with Status Suspended. */
  versioningSuspended?: boolean;
  /** Lambda: layers attached by UpdateFunctionConfiguration, principal of AddPermission. */
  layers?: string[];
  permissionPrincipal?: string;
  /** Put*Policy documents that allow every action on every resource. */
  allowsEverything?: boolean;
  /** CreateRole / UpdateAssumeRolePolicy: the AWS principals the trust policy lets in. */
  trusted?: string[];
  /** AuthorizeSecurityGroupIngress: the CIDRs opened. */
  cidrs?: string[];
}

/** Operation names whose records are read for facts. Everything else is judged on columns. */
export const FACT_OPERATIONS: ReadonlySet<string> = new Set([
  'ConsoleLogin',
  'CreateUser',
  'CreateRole',
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'AssumeRole',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'ModifyDBSnapshotAttribute',
  'ModifyDBClusterSnapshotAttribute',
  'PutBucketPolicy',
  'PutBucketAcl',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'PutBucketVersioning',
  'UpdateFunctionConfiguration',
  'AddPermission',
  'PutUserPolicy',
  'PutRolePolicy',
  'PutGroupPolicy',
  'UpdateAssumeRolePolicy',
  'AuthorizeSecurityGroupIngress',
]);

function path(record: unknown, ...keys: string[]): unknown {
  let value = record;
  for (const key of keys) value = asObject(value)?.[key];
  return value;
}

function itemsOf(value: unknown): Record<string, unknown>[] {
  const items = asObject(value)?.items;
  return Array.isArray(items)
    ? items.map((item) => asObject(item)).filter((item) => item !== undefined)
    : [];
}

/** Accounts (or 'all') an EC2 `add` list grants: `{items: [{userId} | {group: 'all'}]}`. */
function grantees(add: unknown): string[] {
  return itemsOf(add)
    .map((item) => asText(item.userId) || asText(item.group))
    .filter((value) => value !== '');
}

/** A policy document (object or JSON text, sometimes URL-encoded) as a list of statements. */
function statements(document: unknown): Record<string, unknown>[] {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document.startsWith('%7B') ? decodeURIComponent(document) : document);
    } catch {
      return [];
    }
  }
  const statement = asObject(parsed)?.Statement;
  const list = Array.isArray(statement) ? statement : [statement];
  return list.map((item) => asObject(item)).filter((item) => item !== undefined);
}

/** The AWS principals (account ids, ARNs, or '*') a trust policy's Allow statements name. */
function trustedPrincipals(document: unknown): string[] {
  const trusted: string[] = [];
  for (const statement of statements(document)) {
    if (statement.Effect !== 'Allow') continue;
    const principal = statement.Principal;
    const aws = principal === '*' ? '*' : asObject(principal)?.AWS;
    for (const value of Array.isArray(aws) ? aws : [aws])
      if (typeof value === 'string') trusted.push(value);
  }
  return trusted;
}

/** CIDRs an ingress rule opens: the flat `cidrIp` form and the ipPermissions lists. */
function openedCidrs(params: Record<string, unknown> | undefined): string[] {
  const cidrs: string[] = [];
  const flat = asText(params?.cidrIp);
  if (flat) cidrs.push(flat);
  for (const permission of itemsOf(params?.ipPermissions)) {
    for (const range of itemsOf(permission.ipRanges))
      if (asText(range.cidrIp)) cidrs.push(asText(range.cidrIp));
    for (const range of itemsOf(permission.ipv6Ranges))
      if (asText(range.cidrIpv6)) cidrs.push(asText(range.cidrIpv6));
  }
  return cidrs;
}

function includesStar(value: unknown): boolean {
  return value === '*' || (Array.isArray(value) && value.includes('*'));
}

function opensToEveryone(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Allow' || statement.Condition !== undefined) return false;
  const principal = statement.Principal;
  return principal === '*' || includesStar(asObject(principal)?.AWS);
}

const EVERYONE_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

function bucketFacts(operation: string, params: Record<string, unknown> | undefined) {
  switch (operation) {
    case 'PutBucketPolicy':
      return { public: statements(params?.bucketPolicy ?? params?.policy).some(opensToEveryone) };
    case 'PutBucketAcl':
      return { public: EVERYONE_GROUPS.test(stringifyJson(params ?? {}) ?? '') };
    case 'DeleteBucketPublicAccessBlock':
      return { public: true };
    case 'PutBucketPublicAccessBlock': {
      const block = asObject(params?.PublicAccessBlockConfiguration);
      return { public: block !== undefined && block.BlockPublicPolicy === false };
    }
    default:
      return {};
  }
}

/** The facts one record holds for the rules; `undefined` for operations no rule reads. */
export function extractFacts(record: RawRecord): RecordFacts | undefined {
  const operation = operationName(asText(record.eventName));
  if (!FACT_OPERATIONS.has(operation)) return undefined;
  const params = asObject(record.requestParameters);
  const facts: RecordFacts = { eventId: asText(record.eventID) };
  const targetUser = asText(params?.userName);
  if (targetUser) facts.targetUser = targetUser;
  switch (operation) {
    case 'ConsoleLogin':
      facts.mfa = asText(path(record, 'additionalEventData', 'MFAUsed')).toLowerCase();
      facts.outcome = asText(path(record, 'responseElements', 'ConsoleLogin'));
      break;
    case 'CreateUser':
      facts.path = asText(params?.path);
      break;
    case 'CreateRole':
      facts.path = asText(params?.path);
      facts.trusted = trustedPrincipals(params?.assumeRolePolicyDocument);
      break;
    case 'UpdateAssumeRolePolicy':
      facts.trusted = trustedPrincipals(params?.policyDocument);
      break;
    case 'AuthorizeSecurityGroupIngress':
      facts.cidrs = openedCidrs(params);
      break;
    case 'CreateAccessKey':
      facts.createdKey = asText(path(record, 'responseElements', 'accessKey', 'accessKeyId'));
      break;
    case 'AssumeRole':
      facts.roleArn = asText(params?.roleArn);
      break;
    case 'ModifySnapshotAttribute':
      facts.sharedWith = grantees(path(params, 'createVolumePermission', 'add'));
      break;
    case 'ModifyImageAttribute':
      facts.sharedWith = grantees(path(params, 'launchPermission', 'add'));
      break;
    case 'ModifyDBSnapshotAttribute':
    case 'ModifyDBClusterSnapshotAttribute': {
      const added = params?.valuesToAdd;
      facts.sharedWith = Array.isArray(added) ? added.map((value) => asText(value)) : [];
      break;
    }
    case 'PutBucketVersioning':
      facts.versioningSuspended =
        asText(path(params, 'VersioningConfiguration', 'Status')) === 'Suspended';
      break;
    case 'UpdateFunctionConfiguration': {
      const layers = params?.layers;
      if (Array.isArray(layers)) facts.layers = layers.map((layer) => asText(layer));
      break;
    }
    case 'AddPermission':
      facts.permissionPrincipal = asText(params?.principal);
      break;
    case 'PutUserPolicy':
    case 'PutRolePolicy':
    case 'PutGroupPolicy':
      facts.allowsEverything = statements(params?.policyDocument).some(
        (statement) =>
          statement.Effect === 'Allow' &&
          includesStar(statement.Action) &&
          includesStar(statement.Resource),
      );
      break;
    default:
      Object.assign(facts, bucketFacts(operation, params));
  }
  return facts;
}
