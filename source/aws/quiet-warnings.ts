/**
 * On Node 20 the AWS SDK announces, through `process.emitWarning`, that later versions will need
 * Node 22. Node prints warnings straight to stderr, behind ink's back, into the middle of a
 * frame. The SDK's own switch turns it off; this is the one place that sets it, before any client
 * is built.
 */
export function quietSdkWarnings(): void {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}
