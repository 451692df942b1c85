import type { PlaybookStep } from '../types.js';

/**
 * Phase 3: what the intruder created and changed, and what the suspect did. The windows follow
 * the incident guide; 90 days is also as far back as LookupEvents reaches.
 */
export const INVESTIGATION_STEPS: readonly PlaybookStep[] = [
  {
    id: 'roles-created-7d',
    phase: 3,
    title: 'Roles created in the last 7 days',
    why: 'A role trusted by another account (or by anyone) is a back door that survives every key rotation.',
    look: 'Who created each role and from where; its trust policy (requestParameters.assumeRolePolicyDocument): which principals may assume it.',
    target: {
      kind: 'query',
      query: 'event:CreateRole after:7d',
      cli: 'aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventName,AttributeValue=CreateRole --start-time {since:7d}',
    },
  },
  {
    id: 'lambda-code-updated-30d',
    phase: 3,
    title: 'Lambda code updates in the last 30 days',
    why: 'New code in a function runs with its role on every invocation: persistence that looks like a deploy.',
    look: 'Function names, who updated them, from where: a pipeline’s usual address or somewhere new?',
    target: {
      kind: 'query',
      query: 'event:UpdateFunctionCode* after:30d',
      cli: [
        `aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=lambda.amazonaws.com --start-time {since:30d} --output json | jq -c '.Events[].CloudTrailEvent | fromjson | select(.eventName | startswith("UpdateFunctionCode")) | {eventTime, eventName, function: .requestParameters.functionName, arn: .userIdentity.arn, sourceIPAddress}'`,
        '# Lambda logs the call as UpdateFunctionCode20150331v2, in the function’s region: EventSource is the one attribute, jq keeps the code updates; repeat with --region per region',
      ].join('\n'),
    },
  },
  {
    id: 'users-created-90d',
    phase: 3,
    title: 'Users created in the last 90 days',
    why: 'A new IAM user with its own key or password is the simplest way to stay in.',
    look: 'User names (generic or service-like?), paths, who created them, and what followed: keys, login profiles, policies.',
    target: {
      kind: 'query',
      query: 'event:CreateUser after:90d',
      cli: [
        'aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventName,AttributeValue=CreateUser --start-time {since:90d}',
        '# 90 days is as far back as LookupEvents goes: older events are only in the trail’s S3 files',
      ].join('\n'),
    },
  },
  {
    id: 'access-keys-created-90d',
    phase: 3,
    title: 'Access keys created in the last 90 days',
    why: 'A key made for another user keeps the intruder in after the suspect is locked out.',
    look: 'requestParameters.userName against the caller: a key made by someone else for a user is rare in honest use.',
    target: {
      kind: 'query',
      query: 'event:CreateAccessKey after:90d',
      cli: 'aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventName,AttributeValue=CreateAccessKey --start-time {since:90d}',
    },
  },
  {
    id: 'iam-policy-changes-30d',
    phase: 3,
    title: 'IAM policy changes in the last 30 days',
    why: 'Escalation is usually a policy: AdministratorAccess attached, or an inline allow-all.',
    look: 'Which policy went to which user, group or role; policyArn and policyDocument in requestParameters.',
    target: {
      kind: 'query',
      query: 'source:iam.amazonaws.com event:*Policy* -event:Get*,List* after:30d',
      cli: [
        `aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventSource,AttributeValue=iam.amazonaws.com --start-time {since:30d} --output json | jq -c '.Events[].CloudTrailEvent | fromjson | select((.eventName | test("Policy")) and (.eventName | test("^(Get|List)") | not)) | {eventTime, eventName, arn: .userIdentity.arn, requestParameters}'`,
        '# EventSource is the one attribute; jq keeps the policy writes',
      ].join('\n'),
    },
  },
  {
    id: 'suspect-recent-activity',
    phase: 3,
    title: 'Read the suspect’s recent activity',
    why: 'The suspect’s own calls tell the story: discovery, then data, then persistence.',
    look: 'For each call: eventTime, userName, sourceIPAddress, userAgent, requestParameters (what was asked), responseElements (what was given: new keys, ARNs).',
    target: {
      kind: 'query',
      query: 'user:{principal} after:7d',
      cli: [
        `aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue={principal} --start-time {since:7d} --output json | jq -c '.Events[].CloudTrailEvent | fromjson | {eventTime, eventName, userName: .userIdentity.userName, sourceIPAddress, userAgent, requestParameters, responseElements}'`,
        '# one region per call: repeat with --region for each region in use',
      ].join('\n'),
    },
  },
  {
    id: 'suspect-key-activity',
    phase: 3,
    title: 'Read everything the suspect key did',
    why: 'A key can be used by the intruder while its owner works normally; the key’s calls are the intruder’s.',
    look: 'Source IPs and user agents that are not the owner’s usual ones, and what they called.',
    target: {
      kind: 'query',
      query: 'key:{key}',
      cli: [
        'aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue={key} --start-time {since:90d}',
        '# one region per call: repeat with --region for each region in use',
      ].join('\n'),
    },
  },
];
