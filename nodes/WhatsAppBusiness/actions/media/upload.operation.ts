import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import type { ItemIO } from '../../helpers/binding';
import { collection, compact, optField, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { phoneNumberIdProperty } from '../common.description';

const properties: INodeProperties[] = [
  phoneNumberIdProperty,
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    required: true,
    default: 'data',
    hint: 'The name of the input binary field containing the file to upload',
  },
  {
    displayName: 'Options',
    name: 'uploadOptions',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      { displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: "Overrides the binary field's file name" },
      { displayName: 'MIME Type', name: 'mimeType', type: 'string', default: '', placeholder: 'e.g. audio/ogg; codecs=opus', description: "Overrides the binary field's MIME type" },
    ],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['upload'] } }, properties);

/** Reads the binary field; core checks the MIME type and size against WhatsApp's limits. */
export async function toInput(get: ParamReader, io: ItemIO): Promise<Record<string, unknown>> {
  const file = await io.readBinary(str(get, 'binaryPropertyName', 'data'));
  const options = collection(get, 'uploadOptions');
  return compact({
    phoneNumberId: optStr(get, 'phoneNumberId'),
    data: file.data,
    mimeType: optField(options, 'mimeType') ?? file.mimeType,
    filename: optField(options, 'fileName') ?? file.fileName,
  });
}

export const action = bind({
  operation: 'media.upload',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
