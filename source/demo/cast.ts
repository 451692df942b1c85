/**
 * Who and where: the accounts, principals, addresses and clients of the demo case. All account
 * ids, key ids and addresses come from documentation ranges (AWS docs, RFC 5737) so nothing in
 * the bundled data can be mistaken for, or collide with, a real environment.
 */

export const ACCOUNT = '111122223333';
/** The security team's tooling account, which assumes a read-only role here every night. */
export const AUDIT_ACCOUNT = '444455556666';
/** The account the attacker's backdoor role trusts. */
export const ATTACKER_ACCOUNT = '777788889999';

export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
export type Region = (typeof REGIONS)[number];
/** IAM, global STS and sign-in events are always recorded in us-east-1. */
export const GLOBAL_REGION: Region = 'us-east-1';

export interface IamUser {
  name: string;
  /** AIDA… unique id, 21 characters like the real thing. */
  principalId: string;
  /** The user's long-term AKIA… key, 20 characters. */
  accessKeyId: string;
  arn: string;
}

function iamUser(name: string, principalId: string, accessKeyId: string, path = '/'): IamUser {
  return { name, principalId, accessKeyId, arn: `arn:aws:iam::${ACCOUNT}:user${path}${name}` };
}

export const ALICE = iamUser('alice', 'AIDA4HS8Q2LXVNEXAMPLE', 'AKIA4HS8Q2LXVEXAMPLE');
export const BOB = iamUser('bob-devops', 'AIDA7TR3MBW9KDEXAMPLE', 'AKIA7TR3MBW9KEXAMPLE');
export const CI = iamUser('ci-deployer', 'AIDAQ2C5DPL8YREXAMPLE', 'AKIAQ2C5DPL8YEXAMPLE');
export const KEYHUNTER = iamUser('KeyHunter', 'AIDAR6H3F6N2ZPEXAMPLE', 'AKIAR6H3F6N2ZEXAMPLE');
/** Created by the attacker; its key id appears first in the CreateAccessKey response. */
export const CONSOLER = iamUser(
  'aws_consoler',
  'AIDAX9W2MV4TQCEXAMPLE',
  'AKIAX9W2MV4TQEXAMPLE',
  '/service-role/',
);

export interface IamRole {
  name: string;
  /** AROA… unique id. */
  roleId: string;
  arn: string;
}

function iamRole(name: string, roleId: string): IamRole {
  return { name, roleId, arn: `arn:aws:iam::${ACCOUNT}:role/${name}` };
}

export const APP_SERVER_ROLE = iamRole('app-server-role', 'AROAJ5N7C2PWQ4EXAMPLE');
export const INVOICE_ROLE = iamRole('invoice-processor-role', 'AROAV3K8T6DZM2EXAMPLE');
export const AUDIT_ROLE = iamRole('SecurityAudit', 'AROAH2W9R4XLB7EXAMPLE');
export const OPS_ADMIN_ROLE = iamRole('ops-admin', 'AROAM8F4Y6QSN3EXAMPLE');

/** The web tier's only instance; its role's session name is the instance id. */
export const APP_INSTANCE = 'i-0a3f5c9e2b7d41e86';
export const INVOICE_FUNCTION = 'invoice-processor';
export const INVOICE_REGION: Region = 'eu-west-1';

export const BUCKETS = {
  intel: 'dora-cloudbucket',
  assets: 'corp-app-assets-111122223333',
  inbound: 'invoices-inbound-eu',
  processed: 'invoices-processed-eu',
  tfstate: 'corp-terraform-state',
  artifacts: 'corp-build-artifacts-apse2',
} as const;

export const IPS = {
  /** The office's two NAT egress addresses. */
  office: ['203.0.113.10', '203.0.113.11'],
  vpn: '198.51.100.23',
  ciRunners: ['198.51.100.140', '198.51.100.141'],
  audit: '198.51.100.200',
  appServer: '10.0.12.34',
  lambda: ['10.20.3.17', '10.20.4.92', '10.20.5.41'],
  attacker: '102.88.109.159',
  attackerSecond: '45.9.148.108',
} as const;

export const VPC_ENDPOINTS = {
  s3UsEast1: 'vpce-0a1b2c3d4e5f67890',
  s3EuWest1: 'vpce-0f9e8d7c6b5a43210',
} as const;

export const AGENTS = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36',
  firefoxWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:136.0) Gecko/20100101 Firefox/136.0',
  /** The attacker's browser: a stock Firefox on Linux, as shipped with Kali. */
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  s3Console:
    'S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750 Linux/5.10.233-202.908.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.432-b07 java/1.8.0_432 vendor/Oracle_Corporation cfg/retry-mode/standard',
  cliAlice:
    'aws-cli/2.24.10 md/awscrt#0.23.8 ua/2.0 os/macos#24.3.0 md/arch#arm64 lang/python#3.12.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
  cliBob:
    'aws-cli/2.22.35 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0-55-generic md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off',
  cliKeyHunter:
    'aws-cli/2.22.35 md/awscrt#0.23.4 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
  /** The attacker's CLI: Kali gives itself away in the distrib field. */
  cliKali:
    'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.6.9-amd64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#kali.2024 md/prompt#off',
  boto3Tool: 'Boto3/1.26.137 Python/3.11.8 Linux/6.6.9-amd64 Botocore/1.29.137',
  terraform:
    'APN/1.0 HashiCorp/1.0 Terraform/1.10.5 (+https://www.terraform.io) terraform-provider-aws/5.89.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.36.1 ua/2.1 os/linux lang/go#1.23.6 md/GOOS#linux md/GOARCH#amd64',
  lambdaBoto3:
    'Boto3/1.36.2 md/Botocore#1.36.2 ua/2.0 os/linux#5.10.233-244.909.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.8 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.36.2',
  appServerSdk:
    'aws-sdk-java/2.30.31 Linux/6.1.128-136.201.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/21.0.6+7-LTS Java/21.0.6 vendor/Amazon.com_Inc. md/internal io/sync http/Apache cfg/retry-mode/standard',
  auditScanner:
    'aws-sdk-go-v2/1.36.1 ua/2.1 os/linux lang/go#1.23.6 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.203.0 m/E',
  internal: 'AWS Internal',
} as const;
