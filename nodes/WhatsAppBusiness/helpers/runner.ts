import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { WhatsAppError, WhatsAppValidationError } from '../../shared/core';
import type { Provider } from '../../shared/core';
import { toNodeError } from '../../shared/errors';
import { AUTHENTICATIONS, providerFor, toAuthentication } from '../../shared/provider';
import { noRedaction, redactorFor } from '../../shared/secrets';
import type { Redact } from '../../shared/secrets';
import { itemIO } from './binary';
import type { ItemOutput, NodeAction } from './binding';
import { DEFAULT_CONCURRENCY, mapConcurrent, toConcurrency } from './concurrency';
import type { ParamReader } from './params';

/**
 * The item a failed input becomes under "Continue (using error output)" / "Continue": output
 * items are stored with the execution, so every text passes through `redact` too.
 */
export function errorItemJson(error: unknown, message: string, redact: Redact = noRedaction): IDataObject {
  const json: IDataObject = { error: redact(message) };
  if (error instanceof WhatsAppValidationError) {
    json.issues = error.issues.map((issue) => ({ path: issue.path, rule: redact(issue.rule) }));
  } else if (error instanceof WhatsAppError) {
    json.kind = error.kind;
    if (error.metaCode !== null) json.code = error.metaCode;
    if (error.httpStatus !== null) json.httpStatus = error.httpStatus;
    if (error.hint !== null) json.hint = redact(error.hint);
  }
  return json;
}

/**
 * Runs one node operation over every input item: parameters to catalogue input, validated and run
 * by core through one provider, results back to items paired with their input. Items run up to
 * the "Concurrency" option at a time; the output keeps the input order.
 */
export async function runAction(context: IExecuteFunctions, action: NodeAction): Promise<INodeExecutionData[][]> {
  const items = context.getInputData();
  const node = context.getNode();
  let provider: Provider;
  // Read when an error is reported, so that a token n8n renewed meanwhile is redacted too.
  let credentialType: string | null = null;
  const redactor = async (): Promise<Redact> => (credentialType === null ? noRedaction : redactorFor(context, [credentialType]));
  try {
    const authentication = toAuthentication(node, context.getNodeParameter('authentication', 0));
    credentialType = AUTHENTICATIONS[authentication].credential;
    provider = await providerFor(context, authentication);
  } catch (error) {
    throw toNodeError(node, error, undefined, await redactor());
  }
  const concurrency = toConcurrency(context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY));

  const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
    const get: ParamReader = (name, fallback) => context.getNodeParameter(name, itemIndex, fallback);
    try {
      const outputs: ItemOutput[] = await action.execute(provider, get, itemIO(context, provider, itemIndex));
      return outputs.map((output) => ({ ...output, pairedItem: { item: itemIndex } }));
    } catch (error) {
      const redact = await redactor();
      const nodeError = toNodeError(node, error, itemIndex, redact);
      if (!context.continueOnFail()) throw nodeError;
      const json = errorItemJson(error, nodeError.message, redact);
      if (nodeError instanceof NodeApiError && nodeError.description) json.description = nodeError.description;
      return [{ json, pairedItem: { item: itemIndex } }];
    }
  };

  try {
    const perItem = await mapConcurrent(items.length, concurrency, runItem);
    return [perItem.flat()];
  } finally {
    await provider.close();
  }
}
