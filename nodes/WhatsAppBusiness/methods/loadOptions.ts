import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { operations } from '../../shared/core';
import type { Provider } from '../../shared/core';
import { toNodeError } from '../../shared/errors';
import { AUTHENTICATIONS, providerFor, toAuthentication } from '../../shared/provider';
import { noRedaction, redactorFor } from '../../shared/secrets';

async function withProvider<T>(context: ILoadOptionsFunctions, use: (provider: Provider) => Promise<T>): Promise<T> {
  const node = context.getNode();
  let provider: Provider | undefined;
  let credentialType: string | null = null;
  try {
    const authentication = toAuthentication(node, context.getNodeParameter('authentication', 'cloudApi'));
    credentialType = AUTHENTICATIONS[authentication].credential;
    provider = await providerFor(context, authentication);
    return await use(provider);
  } catch (error) {
    // Surfaced, never an empty list: the user must see why the options did not load.
    throw toNodeError(node, error, undefined, credentialType === null ? noRedaction : await redactorFor(context, [credentialType]));
  } finally {
    await provider?.close();
  }
}

/** The WABA's phone numbers, "display number - verified name", value the phone number id. */
export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return withProvider(this, async (provider) => {
    const { phoneNumbers } = await operations['phoneNumber.list'].run(provider, {});
    return phoneNumbers.map((phone) => ({
      name: [phone.displayPhoneNumber ?? phone.id, phone.verifiedName].filter((part) => part !== null && part !== '').join(' - '),
      value: phone.id,
      description: phone.qualityRating === null ? undefined : `Quality: ${phone.qualityRating}`,
    }));
  });
}

/** Every template of the WABA (every page), value "name|language"; non-approved ones say so. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return withProvider(this, async (provider) => {
    const { templates } = await operations['template.list'].run(provider, {});
    return templates
      .map((template) => ({
        name: `${template.name} (${template.language})${template.status === 'APPROVED' ? '' : ` [${template.status}]`}`,
        value: `${template.name}|${template.language}`,
        description: `${template.category}, ${template.status}`,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
}
