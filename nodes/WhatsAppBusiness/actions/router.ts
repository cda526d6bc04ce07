import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { NodeAction } from '../helpers/binding';
import { runAction } from '../helpers/runner';
import * as businessProfile from './businessProfile';
import * as media from './media';
import * as message from './message';
import * as phoneNumber from './phoneNumber';
import * as template from './template';

/** resource → operation → its binding to the core catalogue. */
export const ACTIONS: Record<string, Record<string, NodeAction>> = {
  message: { send: message.send.action, sendTemplate: message.sendTemplate.action, markRead: message.markRead.action },
  template: { getAll: template.getAll.action, get: template.get.action, create: template.create.action, delete: template.delete.action },
  media: { upload: media.upload.action, getUrl: media.getUrl.action, download: media.download.action, delete: media.delete.action },
  phoneNumber: { getAll: phoneNumber.getAll.action, get: phoneNumber.get.action },
  businessProfile: { get: businessProfile.get.action, update: businessProfile.update.action },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const resource = String(this.getNodeParameter('resource', 0));
  const operation = String(this.getNodeParameter('operation', 0));
  const action = ACTIONS[resource]?.[operation];
  if (action === undefined) {
    throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for the resource "${resource}"`);
  }
  return runAction(this, action);
}
