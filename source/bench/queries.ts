/** The filters the bench times on each synthetic trail: one of each shape the language has. */
export const QUERIES: readonly string[] = [
  'user:app-role-17*',
  'event:GetObject ip:10.*',
  'ua:*Terraform* -error:*',
  'resource:*part-42.parquet',
  'after:2025-01-01T02:00Z before:2025-01-01T04:00Z',
  'AccessDenied',
  '(event:Put*,Delete* OR ip:10.0.0.0/8) -error:*',
];
