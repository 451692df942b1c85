/**
 * Connecting to AWS the way the AWS CLI does: the standard credential chain (environment, shared
 * config and credentials files, SSO, credential_process, instance metadata), `--profile`,
 * `--region` / `--regions` / `--all-regions`, `--endpoint-url`. One client per service and
 * region, all sharing one credential provider, so a profile that assumes a role or reads an SSO
 * cache resolves once however many regions are read side by side.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { guardReadOnly } from './guard/read-only.js';
import { boundedHandler, type BoundedHttpHandler } from './http-handler.js';
import { quietSdkWarnings } from './quiet-warnings.js';
import { COMMERCIAL_REGIONS } from './regions.js';

/**
 * The retry mode of the CloudTrail clients. Every LookupEvents attempt already waits for the
 * live reader's pacer; adaptive mode's client-side limiter then cuts the rate again after each
 * throttle, and the two together read well below the limit. Measured against the local endpoint
 * with 20% of requests throttled: 3 regions x 600 events at a 20/s limit, adaptive 15.7 s,
 * standard 4.1 s; at the real 2/s, 3 regions x 600, adaptive 10.7 s, standard 8.7 s, and with no
 * injected throttling adaptive drew 3 throttles and 92 events/s per region where standard drew
 * none and 106. Other services' clients (IAM, STS) keep 'adaptive'. TRAILHOUND_CLOUDTRAIL_RETRY
 * =adaptive brings it back for comparison.
 */
export const CLOUDTRAIL_RETRY_MODE: 'adaptive' | 'standard' =
  process.env['TRAILHOUND_CLOUDTRAIL_RETRY'] === 'adaptive' ? 'adaptive' : 'standard';

export interface ConnectOptions {
  profile?: string;
  /** The home region; without one, the profile's or AWS_REGION's, else us-east-1. */
  region?: string;
  regions?: string[];
  allRegions?: boolean;
  endpointUrl?: string;
  /** Attempts per call including the first (SDK default 3); tests lower it. */
  maxAttempts?: number;
  /** `--read-only`: every client of the connection carries the read-only guard too. */
  readOnly?: boolean;
}

/** The settings every client shares; for other services' clients (IAM, Lambda) too. */
export interface SharedClientConfig {
  region: string;
  profile?: string;
  endpoint?: string;
  retryMode: 'adaptive' | 'standard';
  maxAttempts?: number;
  credentials?: STSClient['config']['credentials'];
  /**
   * Connect and request timeouts (limits `connect-timeout`, `request-timeout`): a new handler
   * for each config, since a client destroys its handler with itself.
   */
  requestHandler: BoundedHttpHandler;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface AwsConnection {
  readonly profile: string | undefined;
  /** The region calls go to by default (STS, IAM). */
  readonly homeRegion: string;
  /** The regions asked for, in order, without duplicates (for live reads). */
  readonly regions: readonly string[];
  /** The client config for `region`, sharing this connection's credentials. */
  clientConfig(region: string): SharedClientConfig;
  /** The one CloudTrail client of a region. */
  cloudTrail(region: string): CloudTrailClient;
  sts(): STSClient;
  /**
   * The one S3 client of a region (a trail bucket's objects). Path-style addressing under
   * --endpoint-url: a local or private endpoint has no bucket subdomains.
   */
  s3(region: string): S3Client;
  /** Organizations (ListAccounts for `--accounts all`); its API lives in the home region. */
  organizations(): OrganizationsClient;
  /** Closes every client's sockets. */
  destroy(): void;
}

/**
 * Builds the connection; nothing is sent yet. The home region is resolved here (the profile's
 * region needs a file read), so this is async.
 */
export async function connect(options: ConnectOptions = {}): Promise<AwsConnection> {
  quietSdkWarnings();
  const base = {
    retryMode: 'adaptive' as 'adaptive' | 'standard',
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
  // Region left to the SDK: it reads AWS_REGION, then the profile's region.
  const probe = new STSClient({ ...base, requestHandler: boundedHandler() });
  const homeRegion = options.region ?? (await configuredRegion(probe)) ?? 'us-east-1';
  probe.destroy();

  const sts = guarded(
    new STSClient({ ...base, region: homeRegion, requestHandler: boundedHandler() }),
    options.readOnly,
  );
  // The STS client's resolved provider memoizes and refreshes: every client borrows it.
  const credentials = sts.config.credentials;
  const clientConfig = (region: string): SharedClientConfig => ({
    ...base,
    region,
    credentials,
    requestHandler: boundedHandler(),
  });
  const cloudTrails = new Map<string, CloudTrailClient>();
  const s3s = new Map<string, S3Client>();
  let organizations: OrganizationsClient | undefined;
  const regions = options.allRegions
    ? [...COMMERCIAL_REGIONS]
    : unique(options.regions ?? [homeRegion]);

  return {
    profile: options.profile,
    homeRegion,
    regions,
    clientConfig,
    cloudTrail: (region) => {
      let client = cloudTrails.get(region);
      if (!client) {
        const config = { ...clientConfig(region), retryMode: CLOUDTRAIL_RETRY_MODE };
        cloudTrails.set(region, (client = guarded(new CloudTrailClient(config), options.readOnly)));
      }
      return client;
    },
    sts: () => sts,
    s3: (region) => {
      let client = s3s.get(region);
      if (!client) {
        const config = {
          ...clientConfig(region),
          forcePathStyle: options.endpointUrl !== undefined,
          // A bucket in another region answers with a redirect; the SDK follows it once.
          followRegionRedirects: true,
        };
        s3s.set(region, (client = guarded(new S3Client(config), options.readOnly)));
      }
      return client;
    },
    organizations: () =>
      (organizations ??= guarded(
        new OrganizationsClient(clientConfig(homeRegion)),
        options.readOnly,
      )),
    destroy: () => {
      for (const client of cloudTrails.values()) client.destroy();
      for (const client of s3s.values()) client.destroy();
      organizations?.destroy();
      sts.destroy();
    },
  };
}

/** `sts:GetCallerIdentity`: the account, ARN and user id for the status bar and the audit. */
export async function callerIdentity(
  connection: AwsConnection,
  signal?: AbortSignal,
): Promise<CallerIdentity> {
  const output = await connection
    .sts()
    .send(new GetCallerIdentityCommand({}), signal ? { abortSignal: signal } : {});
  return { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
}

async function configuredRegion(client: STSClient): Promise<string | undefined> {
  try {
    const region = await client.config.region();
    return region || undefined;
  } catch {
    // No region anywhere: the caller's default applies.
    return undefined;
  }
}

/** The client, with the read-only guard when the session is read-only (they only read today). */
function guarded<T extends STSClient | CloudTrailClient | S3Client | OrganizationsClient>(
  client: T,
  readOnly: boolean | undefined,
): T {
  return readOnly ? guardReadOnly(client) : client;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
