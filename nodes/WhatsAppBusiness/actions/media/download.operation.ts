import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { mediaFileName } from '../../../shared/core';
import { bind } from '../../helpers/binding';
import { str } from '../../helpers/params';
import { mediaIdInput, mediaIdProperty } from './mediaId.description';

const properties: INodeProperties[] = [
  mediaIdProperty,
  {
    displayName: 'Put Output File in Field',
    name: 'binaryPropertyName',
    type: 'string',
    required: true,
    default: 'data',
    hint: 'The name of the output binary field to put the file in',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['download'] } }, properties);

export const toInput = mediaIdInput;

/** The file itself as binary data; the json keeps what identifies and checks it. */
export const action = bind({
  operation: 'media.download',
  toInput,
  toOutput: async (result, get, io) => {
    const fileName = mediaFileName(result.mediaId, result.mimeType);
    const binary = await io.writeBinary({ data: result.data, mimeType: result.mimeType, fileName }, str(get, 'binaryPropertyName', 'data'));
    return [
      {
        json: {
          mediaId: result.mediaId,
          mimeType: result.mimeType,
          fileSize: result.fileSize,
          sha256: result.sha256,
          sha256Verified: result.sha256Verified,
          fileName,
        },
        binary,
      },
    ];
  },
});
