import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { operations } from '../../shared/core';
import type { Provider } from '../../shared/core';
import type { BinaryFile, ItemIO } from './binding';

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
