import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as getUrl from './getUrl.operation';
import * as upload from './upload.operation';

export { deleteMedia as delete, download, getUrl, upload };

export const operationChoices: OperationChoice[] = [
  { name: 'Delete', value: 'delete', action: 'Delete media', operation: 'media.delete' },
  { name: 'Download', value: 'download', action: 'Download media', description: 'Get the file itself as binary data', operation: 'media.download' },
  { name: 'Get URL', value: 'getUrl', action: 'Get a media URL', description: 'A short-lived URL with MIME type, size and SHA-256', operation: 'media.getUrl' },
  { name: 'Upload', value: 'upload', action: 'Upload media', description: 'Upload a file from a binary field and get its media ID', operation: 'media.upload' },
];

export const description: INodeProperties[] = [
  ...operationSelectors('media', operationChoices, 'upload'),
  ...upload.description,
  ...getUrl.description,
  ...download.description,
  ...deleteMedia.description,
];
