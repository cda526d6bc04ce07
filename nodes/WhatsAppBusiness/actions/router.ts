import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { alternativeFor, operations, PROVIDER_SUPPORT } from '../../shared/core';
import type { ProviderName } from '../../shared/core';
import { AUTHENTICATIONS, toAuthentication } from '../../shared/provider';
import type { NodeAction } from '../helpers/binding';
import { runAction } from '../helpers/runner';
import { resourceOffered } from '../helpers/selectors';
import type { OperationChoice } from '../helpers/selectors';
import * as account from './account';
import * as businessProfile from './businessProfile';
import * as connection from './connection';
import * as contact from './contact';
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
  connection: { getAll: connection.getAll.action, create: connection.create.action, get: connection.get.action, delete: connection.delete.action },
  account: {
    getHealth: account.getHealth.action,
    requestCode: account.requestCode.action,
    verifyCode: account.verifyCode.action,
    getSettings: account.getSettings.action,
    updateSettings: account.updateSettings.action,
  },
  contact: { check: contact.check.action },
};

/** Each resource's Operation choices (what the selectors and the Resource selector are built from). */
export const OPERATION_CHOICES: Record<string, readonly OperationChoice[]> = {
  message: message.operationChoices,
  template: template.operationChoices,
  media: media.operationChoices,
  phoneNumber: phoneNumber.operationChoices,
  businessProfile: businessProfile.operationChoices,
  connection: connection.operationChoices,
  account: account.operationChoices,
  contact: contact.operationChoices,
};

/** What core's support table says about a resource the provider lacks: why, and what to use instead. */
function alternativeForResource(provider: ProviderName, choices: readonly OperationChoice[]): string | null {
  for (const choice of choices) {
    for (const capability of operations[choice.operation].requires) {
      if (PROVIDER_SUPPORT[provider].capabilities.includes(capability)) continue;
      const alternative = alternativeFor(provider, capability);
      if (alternative !== null) return alternative.charAt(0).toUpperCase() + alternative.slice(1);
    }
  }
  return null;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const node = this.getNode();
  const resource = String(this.getNodeParameter('resource', 0));
  const operation = String(this.getNodeParameter('operation', 0, ''));
  const action = ACTIONS[resource]?.[operation];
  if (action === undefined) {
    // n8n drops the Operation of a resource the credential does not offer: say so, not "unknown".
    const authentication = toAuthentication(node, this.getNodeParameter('authentication', 0, 'cloudApi'));
    const choices = OPERATION_CHOICES[resource];
    if (choices !== undefined && !resourceOffered(choices, authentication)) {
      const provider = AUTHENTICATIONS[authentication].provider;
      throw new NodeOperationError(node, `The resource "${resource}" is not supported by ${PROVIDER_SUPPORT[provider].label}`, {
        description: alternativeForResource(provider, choices) ?? 'Choose another resource, or another credential under Authentication.',
      });
    }
    throw new NodeOperationError(node, `The operation "${operation}" is not known for the resource "${resource}"`);
  }
  return runAction(this, action);
}
