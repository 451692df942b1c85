/**
 * A CloudTrail record as LookupEvents returns it (the record itself as a JSON string, beside
 * the fields AWS lifts out of it), and the values each lookup attribute matches.
 */
type RawRecord = Record<string, unknown>;

/** One record as served, with the time in ms kept for sorting and time windows. */
export interface Served {
  time: number;
  id: string;
  event: Record<string, unknown>;
  attributes: Map<string, string[]>;
}

export function toServed(record: RawRecord): Served {
  const time = Date.parse(String(record['eventTime']));
  const id = String(record['eventID'] ?? '');
  const identity = (record['userIdentity'] ?? {}) as Record<string, unknown>;
  const username = usernameOf(identity);
  const resources = resourcesOf(record);
  const event: Record<string, unknown> = {
    EventId: id,
    EventName: record['eventName'],
    ReadOnly: String(record['readOnly'] ?? inferReadOnly(String(record['eventName'] ?? ''))),
    EventTime: time / 1000,
    EventSource: record['eventSource'],
    Resources: resources,
    CloudTrailEvent: JSON.stringify(record),
  };
  if (username) event['Username'] = username;
  if (typeof identity['accessKeyId'] === 'string') event['AccessKeyId'] = identity['accessKeyId'];
  const attributes = new Map<string, string[]>([
    ['EventId', [id]],
    ['EventName', [String(record['eventName'] ?? '')]],
    ['ReadOnly', [String(event['ReadOnly'])]],
    ['EventSource', [String(record['eventSource'] ?? '')]],
    ['Username', username ? [username] : []],
    ['AccessKeyId', typeof event['AccessKeyId'] === 'string' ? [event['AccessKeyId']] : []],
    // A resource is looked up by its ARN or its name (the ARN's last segment).
    [
      'ResourceName',
      resources.flatMap((r) => [
        r.ResourceName,
        r.ResourceName.slice(r.ResourceName.lastIndexOf('/') + 1),
      ]),
    ],
    ['ResourceType', resources.map((resource) => resource.ResourceType)],
  ]);
  return { time, id, event, attributes };
}

/** LookupEvents' Username: the IAM user's name, the role session's name, or `root`. */
function usernameOf(identity: Record<string, unknown>): string | undefined {
  if (typeof identity['userName'] === 'string') return identity['userName'];
  if (identity['type'] === 'Root') return 'root';
  const arn = identity['arn'];
  if (typeof arn === 'string' && arn.includes('/')) return arn.slice(arn.lastIndexOf('/') + 1);
  return undefined;
}

function resourcesOf(record: RawRecord): { ResourceType: string; ResourceName: string }[] {
  const listed = record['resources'];
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((resource: Record<string, unknown>) =>
    typeof resource?.['ARN'] === 'string'
      ? [{ ResourceType: String(resource['type'] ?? ''), ResourceName: resource['ARN'] }]
      : [],
  );
}

function inferReadOnly(eventName: string): boolean {
  return /^(Get|List|Describe|Head|Lookup)/.test(eventName);
}
