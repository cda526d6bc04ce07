import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult, LoggingLevel, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Runtime } from './runtime';
import { DRY_RUN_OUTPUT_SCHEMA } from './tools/bind';
import type { CallContext, ToolDefinition } from './tools/define';
import { decodeJsonStrings } from './tools/json-schema';
import { errorResult, successResult } from './tools/result';

export const SERVER_NAME = 'whatsapp-business-mcp';
export const SERVER_VERSION = '0.1.0';

const LEVELS: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

function listing(tool: ToolDefinition, dryRun: boolean): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    outputSchema: (dryRun && tool.sideEffect ? DRY_RUN_OUTPUT_SCHEMA : tool.outputSchema) as Tool['outputSchema'],
    annotations: tool.annotations,
  };
}

/** Removes configured secrets from everything in a result (a second lock: core never puts them there). */
function scrubResult(result: CallToolResult, scrub: (text: string) => string): CallToolResult {
  const text = JSON.stringify(result);
  const clean = scrub(text);
  return clean === text ? result : (JSON.parse(clean) as CallToolResult);
}

/**
 * A new MCP server over a runtime. Cheap: the tool list and its JSON Schemas are built once per
 * runtime, so HTTP mode makes one per request (stateless, nothing shared between clients).
 *
 * It uses the SDK's low-level `Server` rather than `McpServer.registerTool` because validation must
 * be core's (its field-and-rule messages and hints, as `isError` results a model can act on) and
 * the listed schemas are emitted from core's zod schemas by this package (tools/json-schema.ts).
 */
export function createServer(runtime: Runtime): Server {
  const server = new Server(
    { name: SERVER_NAME, title: 'WhatsApp Business', version: SERVER_VERSION },
    { capabilities: { tools: {}, logging: {} }, instructions: runtime.instructions },
  );
  const dryRun = runtime.config.policy.dryRun;
  const tools = new Map(runtime.tools.map((tool) => [tool.name, tool]));
  const listed = runtime.tools.map((tool) => listing(tool, dryRun));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));

  // logging/setLevel: remembered for this connection (in stateless HTTP, for this request).
  let logLevel: LoggingLevel = 'info';
  server.setRequestHandler(SetLevelRequestSchema, (request) => {
    logLevel = request.params.level;
    return {};
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = tools.get(request.params.name);
    if (tool === undefined) {
      const reason = runtime.unavailable.get(request.params.name);
      throw new McpError(
        ErrorCode.InvalidParams,
        reason === undefined
          ? `Unknown tool ${JSON.stringify(request.params.name)}: call tools/list for the tools this server offers`
          : `Tool ${request.params.name} is not offered with the ${runtime.providerLabel}: ${reason}`,
      );
    }
    const progressToken = request.params._meta?.progressToken;
    const ctx: CallContext = {
      runtime,
      signal: extra.signal,
      progress: async (progress, total, message) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
      },
      notify: async (level, data) => {
        if (LEVELS.indexOf(level) < LEVELS.indexOf(logLevel)) return;
        await extra.sendNotification({ method: 'notifications/message', params: { level, logger: SERVER_NAME, data: JSON.parse(runtime.scrub(JSON.stringify(data))) as unknown } });
      },
    };
    let result: CallToolResult;
    try {
      const args = decodeJsonStrings([tool.inputSchema], request.params.arguments ?? {}) as Record<string, unknown>;
      result = successResult(await tool.run(args, ctx));
    } catch (error) {
      result = errorResult(error);
    }
    return scrubResult(result, runtime.scrub);
  });

  return server;
}
