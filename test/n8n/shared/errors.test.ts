import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';
import { toNodeError } from '../../../nodes/shared/errors';
import { WhatsAppApiError, WhatsAppConfigError, WhatsAppNetworkError, WhatsAppValidationError } from '../../../nodes/shared/core';

const node: INode = { id: 'n1', name: 'WhatsApp Business', type: 'n8n-nodes-whatsapp-business.whatsAppBusiness', typeVersion: 1, position: [0, 0], parameters: {} };

describe('core errors as n8n errors', () => {
  it('a validation error becomes a NodeOperationError naming the field, rule and item', () => {
    const error = toNodeError(node, new WhatsAppValidationError([{ path: 'interactive.action.buttons', rule: 'at most 3 buttons (got 4)' }], 'cloud'), 2);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toContain('interactive.action.buttons');
    expect(error.message).toContain('at most 3 buttons (got 4)');
    expect(error.context.itemIndex).toBe(2);
  });

  it("an API error becomes a NodeApiError with Meta's code, message, HTTP status and core's hint", () => {
    const api = new WhatsAppApiError({
      message: 'Re-engagement message',
      provider: 'cloud',
      httpStatus: 400,
      metaCode: 131047,
      hint: 'More than 24 hours have passed since the customer last replied: send an approved template instead.',
      fbtraceId: 'Abc123',
    });
    const error = toNodeError(node, api, 0) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('Re-engagement message (#131047)');
    expect(error.description).toContain('send an approved template');
    expect(error.httpCode).toBe('400');
    expect(error.context.itemIndex).toBe(0);
  });

  it('a network error is an API-side failure too, and says whether it is worth retrying', () => {
    const network = new WhatsAppNetworkError({ message: 'No response from https://graph.facebook.com: timeout', failure: 'timeout', requestMayHaveReachedServer: true });
    const error = toNodeError(node, network, 1);
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toContain('timeout');
  });

  it('a configuration error is the user’s to fix: NodeOperationError with the hint as description', () => {
    const error = toNodeError(node, new WhatsAppConfigError('Invalid cloud provider configuration: baseUrl: must be an http(s) URL', 'cloud', 'Check the credential'));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.description).toBe('Check the credential');
  });

  it('n8n errors pass through untouched, and anything else is wrapped', () => {
    const own = new NodeOperationError(node, 'already an n8n error');
    expect(toNodeError(node, own)).toBe(own);
    const wrapped = toNodeError(node, new TypeError('boom'), 3);
    expect(wrapped).toBeInstanceOf(NodeOperationError);
    expect(wrapped.message).toBe('boom');
  });
});
