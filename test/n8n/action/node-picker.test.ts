/**
 * What n8n's node picker ("Actions (N)") offers for the action node, and what picking each entry
 * adds. The editor is a browser app, so its two steps are modelled here as n8n 2.x does them
 * (read from n8n-editor-ui 2.8.4's bundle; sources: packages/frontend/editor-ui/src/components/
 * Node/NodeCreator/composables/useActionsGeneration.ts and useActions.ts):
 *
 * 1. the list: for every option of every property named `resource`, the options of the FIRST
 *    property named `operation` whose `displayOptions.show.resource` contains it, one entry each,
 *    labelled with the option's `action`;
 * 2. picking an entry adds the node with only `{resource, operation}` (actionDataToNodeTypeSelectedPayload),
 *    n8n resolving the rest with NodeHelpers.getNodeParameters; afterwards it may also apply the
 *    entry's values plus the first value of each key of the operation property's
 *    `displayOptions.show` (getActionData + setLastNodeParameters). Both must give the operation named.
 *
 * The resolution itself runs n8n's own NodeHelpers.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { OPERATION_CHOICES } from '../../../nodes/WhatsAppBusiness/actions/router';

const description = new WhatsAppBusiness().description;
const NODE = { typeVersion: 1, parameters: {}, name: 'WhatsApp Business', type: 'whatsAppBusiness', id: 'n1', position: [0, 0] as [number, number] };

interface PickerEntry {
  label: string;
  resource: string;
  operation: string;
  /** What getActionData adds: the first value of each key of the operation property's displayOptions.show. */
  displayConditions: INodeParameters;
}

function pickerEntries(properties: INodeProperties[]): PickerEntry[] {
  const entries: PickerEntry[] = [];
  for (const resourceProperty of properties.filter((property) => property.name === 'resource')) {
    const resourceOptions = (resourceProperty.options ?? []) as INodePropertyOptions[];
    for (const resourceOption of resourceOptions) {
      const single = resourceOptions.length === 1;
      const operationProperty = properties.find(
        (property) => property.name === 'operation' && (property.displayOptions?.show?.resource?.includes(resourceOption.value) ?? single),
      );
      if (!operationProperty?.options) continue;
      const show = single ? { resource: [resourceOption.value] } : (operationProperty.displayOptions?.show ?? {});
      const displayConditions: INodeParameters = {};
      for (const [key, values] of Object.entries(show)) displayConditions[key] = (values as unknown[] | undefined)?.[0] as string;
      for (const operationOption of operationProperty.options as INodePropertyOptions[]) {
        entries.push({
          label: operationOption.action ?? `${resourceOption.name} ${operationOption.name}`,
          resource: String(resourceOption.value),
          operation: String(operationOption.value),
          displayConditions,
        });
      }
    }
  }
  return entries;
}

function resolve(values: INodeParameters): INodeParameters {
  return NodeHelpers.getNodeParameters(description.properties, values, true, false, NODE, description) ?? {};
}

/** The option values of the displayed `name` selector(s) for these resolved parameters. */
function shownOptions(parameters: INodeParameters, name: string): string[] {
  return description.properties
    .filter((property) => property.name === name && NodeHelpers.displayParameter(parameters, property, NODE, description))
    .flatMap((property) => ((property.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value)));
}

const entries = pickerEntries(description.properties);
const catalogue = Object.entries(OPERATION_CHOICES).flatMap(([resource, choices]) => choices.map((choice) => ({ resource, choice })));

describe("n8n's node picker for WhatsApp Business", () => {
  test('lists each action exactly once: one entry per operation of the node', () => {
    expect(entries).toHaveLength(catalogue.length);
    expect(new Set(entries.map((entry) => entry.label)).size).toBe(entries.length);
    expect(new Set(entries.map((entry) => `${entry.resource}.${entry.operation}`)).size).toBe(entries.length);
    expect(entries.filter((entry) => entry.label === 'Send a message')).toHaveLength(1);
  });

  test('every entry is labelled with its operation\'s action', () => {
    for (const { resource, choice } of catalogue) {
      expect(entries.find((entry) => entry.resource === resource && entry.operation === choice.value)?.label).toBe(choice.action);
    }
  });

  test.each(entries.map((entry) => [entry.label, entry] as const))('"%s" adds the operation it names (with only resource and operation, as n8n 2.x adds it)', (_label, entry) => {
    const added = resolve({ resource: entry.resource, operation: entry.operation });
    expect({ resource: added.resource, operation: added.operation }).toEqual({ resource: entry.resource, operation: entry.operation });
    // The operation is one the editor shows for that node, so it keeps it.
    expect(shownOptions(added, 'resource')).toContain(entry.resource);
    expect(shownOptions(added, 'operation')).toContain(entry.operation);
  });

  test.each(entries.map((entry) => [entry.label, entry] as const))('"%s" also adds it when the entry\'s display conditions are applied', (_label, entry) => {
    // getActionData: { ...values, ...displayConditions } (values = the operation).
    const added = resolve({ operation: entry.operation, ...entry.displayConditions });
    expect({ resource: added.resource, operation: added.operation }).toEqual({ resource: entry.resource, operation: entry.operation });
  });

  test('"Check contacts" (On-Premises only) adds Contact > Check and tells which credential runs it', () => {
    const added = resolve({ resource: 'contact', operation: 'check' });
    expect(added).toMatchObject({ authentication: 'cloudApi', resource: 'contact', operation: 'check', contacts: '' });
    const notice = description.properties.find(
      (property) => property.name === 'unsupportedOperationNotice' && NodeHelpers.displayParameter(added, property, NODE, description),
    );
    expect(notice?.displayName).toContain('WhatsApp On-Premises API');
  });
});
