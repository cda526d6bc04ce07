import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { operations } from '../../shared/core';
import type { Provider } from '../../shared/core';
import type { BinaryFile, ItemIO } from './binding';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/** A file name for downloaded media (WhatsApp gives none): the media id plus the MIME type's extension. */
export function fileNameFor(mediaId: string, mimeType: string): string {
  const base = mimeType.split(';')[0].trim().toLowerCase();
  const safeId = mediaId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safeId}.${EXTENSIONS[base] ?? 'bin'}`;
}

/** Binary input and output of one item through n8n's helpers. */
export function itemIO(context: IExecuteFunctions, provider: Provider, itemIndex: number): ItemIO {
  const readBinary = async (propertyName: string): Promise<BinaryFile> => {
    const meta = context.helpers.assertBinaryData(itemIndex, propertyName);
    const data = await context.helpers.getBinaryDataBuffer(itemIndex, propertyName);
    const fileName = meta.fileName ?? (meta.fileExtension ? `file.${meta.fileExtension}` : 'file');
    return { data, mimeType: meta.mimeType, fileName };
  };
  return {
    itemIndex,
    readBinary,
    async uploadBinary(propertyName, phoneNumberId) {
      const file = await readBinary(propertyName);
      const { mediaId } = await operations['media.upload'].run(provider, {
        phoneNumberId,
        data: file.data,
        mimeType: file.mimeType,
        filename: file.fileName,
      });
      return { mediaId, fileName: file.fileName };
    },
    async writeBinary(file, propertyName): Promise<IBinaryKeyData> {
      const binary = await context.helpers.prepareBinaryData(Buffer.from(file.data), file.fileName, file.mimeType);
      return { [propertyName]: binary };
    },
  };
}
