import type { INodeProperties } from 'n8n-workflow';
import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as getUrl from './getUrl.operation';
import * as upload from './upload.operation';

export { deleteMedia as delete, download, getUrl, upload };

export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['media'] } },
    options: [
      { name: 'Delete', value: 'delete', action: 'Delete media' },
      { name: 'Download', value: 'download', action: 'Download media', description: 'Get the file itself as binary data' },
      { name: 'Get URL', value: 'getUrl', action: 'Get a media URL', description: 'A short-lived URL with MIME type, size and SHA-256' },
      { name: 'Upload', value: 'upload', action: 'Upload media', description: 'Upload a file from a binary field and get its media ID' },
    ],
    default: 'upload',
  },
  ...upload.description,
  ...getUrl.description,
  ...download.description,
  ...deleteMedia.description,
];
