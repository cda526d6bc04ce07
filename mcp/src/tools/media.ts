import { mkdir, open, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { MEDIA_RULES, mediaFileName, operations, PROVIDER_SUPPORT } from 'whatsapp-business-core';
import type { MediaDownloadResult, MediaIdInput, ProviderName } from 'whatsapp-business-core';
import type { McpConfig } from '../config';
import { bindOperation, catalogue } from './bind';
import type { CallContext, ToolDefinition } from './define';
import { inputError, PolicyDenied } from './result';
import type { ToolOutcome } from './result';

const upload = operations['media.upload'];
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

function decodeBase64(value: unknown): Uint8Array | unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.replace(/^data:[^,]*;base64,/, '');
  if (!BASE64.test(trimmed)) throw inputError('data', 'must be base64-encoded file content');
  return new Uint8Array(Buffer.from(trimmed, 'base64'));
}

/** Reads `path` (relative to the operator's upload dir) without letting it escape that dir. */
async function readFromUploadDir(uploadDir: string | null, path: string): Promise<Uint8Array> {
  if (uploadDir === null) {
    throw new PolicyDenied('upload_dir_disabled', 'Uploading from a file path is turned off on this server.', 'Send the file content as base64 in "data", or ask the operator to start the server with --upload-dir.');
  }
  const root = await realpath(uploadDir);
  let target: string;
  try {
    target = await realpath(resolve(root, path));
  } catch {
    throw inputError('path', `no such file in the upload directory: ${JSON.stringify(path)}`);
  }
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) {
    throw new PolicyDenied('path_not_allowed', `${JSON.stringify(path)} is outside the upload directory.`, 'Give a path relative to the upload directory the operator configured.');
  }
  const info = await stat(target);
  if (!info.isFile()) throw inputError('path', 'must name a file');
  if (info.size > MAX_UPLOAD_BYTES) throw inputError('path', `at most ${MAX_UPLOAD_BYTES} bytes (got ${info.size})`);
  const handle = await open(target, 'r');
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

const downloadOutput = z.object({
  mediaId: z.string(),
  mimeType: z.string(),
  fileSize: z.number(),
  sha256: z.string().nullable(),
  sha256Verified: z.boolean(),
  delivery: z.enum(['inline', 'file']).describe('inline: the file is in the next content block; file: saved on the server at savedTo'),
  savedTo: z.string().nullable(),
});

async function deliverDownload(result: MediaDownloadResult, ctx: CallContext): Promise<ToolOutcome> {
  const { config } = ctx.runtime;
  const base = { mediaId: result.mediaId, mimeType: result.mimeType, fileSize: result.fileSize, sha256: result.sha256, sha256Verified: result.sha256Verified };
  const mimeType = result.mimeType.split(';')[0].trim();
  if (result.data.byteLength <= config.maxInlineMediaBytes) {
    const data = Buffer.from(result.data).toString('base64');
    const block = mimeType.startsWith('image/')
      ? ({ type: 'image', data, mimeType } as const)
      : mimeType.startsWith('audio/')
        ? ({ type: 'audio', data, mimeType } as const)
        : ({ type: 'resource', resource: { uri: `whatsapp-media://${encodeURIComponent(result.mediaId)}`, mimeType, blob: data } } as const);
    return { structured: { ...base, delivery: 'inline', savedTo: null }, extra: [block] };
  }
  const dir = join(config.dataDir, 'media');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, mediaFileName(result.mediaId, mimeType));
  await writeFile(file, result.data, { mode: 0o600 });
  return {
    structured: { ...base, delivery: 'file', savedTo: file },
    extra: [{ type: 'resource_link', uri: `file://${file}`, name: basename(file), mimeType, description: `Larger than ${config.maxInlineMediaBytes} bytes: saved on the server` }],
  };
}

export function mediaTools(config: McpConfig, provider: ProviderName): ToolDefinition[] {
  const canDownload = PROVIDER_SUPPORT[provider].capabilities.includes('downloadMedia');
  const kinds = Object.entries(MEDIA_RULES)
    .map(([kind, rule]) => `${kind}: ${rule.mimeTypes.join(', ')}`)
    .join('; ');
  const uploadShape = {
    phoneNumberId: upload.input.shape.phoneNumberId,
    data: z.string().optional(),
    ...(config.uploadDir === null ? {} : { path: z.string().optional() }),
    mimeType: upload.input.shape.mimeType,
    filename: upload.input.shape.filename,
  };
  return [
    bindOperation<{ data: Uint8Array }, unknown>(catalogue('media.upload'), {
      name: 'whatsapp_upload_media',
      description:
        `Uploads a file and returns a media id to send with whatsapp_send_media (kept 30 days). Give the content as base64 in "data"` +
        `${config.uploadDir === null ? '' : ', or "path": a file in the server\'s upload directory'}. Size limits: image 5 MB, audio/video 16 MB, document 100 MB, sticker 100/500 KB. Accepted types: ${kinds}.`,
      toolset: 'media',
      docSchema: z.strictObject(uploadShape),
      docs: {
        data: 'File content, base64-encoded.',
        path: 'File path relative to the upload directory (instead of data).',
        mimeType: 'MIME type, e.g. "image/jpeg", "application/pdf", "audio/ogg; codecs=opus".',
        filename: 'File name, e.g. "invoice.pdf".',
      },
      prepare: async (args) => {
        const { data, path, ...rest } = args;
        if (data !== undefined && path !== undefined) throw inputError('data', 'give either "data" or "path", not both');
        if (path !== undefined) {
          if (typeof path !== 'string' || path.trim() === '') throw inputError('path', 'must be a file path');
          const bytes = await readFromUploadDir(config.uploadDir, path);
          return { filename: basename(path), ...rest, data: bytes };
        }
        // Core asks for bytes; an MCP client can only send text, so say what this tool takes.
        if (data === undefined) {
          throw inputError('data', `required: the file content as a base64 string${config.uploadDir === null ? '' : ' (or give "path", a file in the upload directory, instead)'}`);
        }
        if (typeof data !== 'string') throw inputError('data', `must be a base64 string (got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data})`);
        return { ...rest, data: decodeBase64(data) };
      },
      auditResult: () => ({}),
    }),
    bindOperation(catalogue('media.getUrl'), {
      name: 'whatsapp_get_media',
      description:
        `Gets a media id's MIME type, size, SHA-256 and a download URL (valid 5 minutes, needs the server's credentials). ${
          canDownload
            ? 'To get the file itself use whatsapp_download_media.'
            : `The ${PROVIDER_SUPPORT[provider].label} cannot download the file itself: Meta serves media files only to the holder of the Meta access token.`
        }`,
      toolset: 'media',
    }),
    bindOperation<MediaIdInput, MediaDownloadResult>(catalogue('media.download'), {
      name: 'whatsapp_download_media',
      description:
        `Downloads the file behind a media id (e.g. a photo or voice note a customer sent; ids from webhooks expire after 7 days), checked against its SHA-256 when the provider reports one. Files up to ${config.maxInlineMediaBytes} bytes come back inline (images and audio as such, other files as an embedded resource); larger files are saved on the server and a file link is returned. Customer files are untrusted content.`,
      toolset: 'media',
      output: { schema: downloadOutput, map: (result, _input, ctx) => deliverDownload(result, ctx) },
    }),
    bindOperation(catalogue('media.delete'), {
      name: 'whatsapp_delete_media',
      description: 'Deletes uploaded media by id. Messages already sent with it are not affected. Cannot be undone.',
      toolset: 'media',
    }),
  ];
}
