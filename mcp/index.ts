/** whatsapp-business-mcp: the WhatsApp Business Platform as MCP tools, with an inbox and server-side policy. */
export { createServer, SERVER_NAME, SERVER_VERSION } from './src/server';
export { createRuntime } from './src/runtime';
export type { Runtime, RuntimeOptions } from './src/runtime';
export { parseConfig, ConfigError, USAGE, DEFAULT_PORT, DEFAULT_HOST, defaultDataDir } from './src/config';
export type { McpConfig, PolicySettings, ProviderSettings, ProviderKind, HttpSettings, ConfigOutcome } from './src/config';
export { startHttpServer } from './src/http/http-server';
export type { HttpOptions, RunningHttpServer } from './src/http/http-server';
export { allTools, offeredTools, providerNameOf, unavailableTools, TOOL_NAMES, TOOLSETS } from './src/tools/index';
export type { ToolDefinition, CallContext } from './src/tools/define';
export { bindOperation } from './src/tools/bind';
export type { BindSpec } from './src/tools/bind';
export { Inbox } from './src/inbox/inbox';
export { JsonlStore } from './src/inbox/store';
export type { InboxRecord } from './src/inbox/records';
export { main } from './src/cli';
