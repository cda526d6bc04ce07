import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { MessageKind, OperationName } from '../../shared/core';
import { AUTHENTICATION_NAMES, authenticationsFor, authenticationsSending } from '../../shared/provider';
import type { AuthenticationName } from '../../shared/provider';

/**
 * Copies of an options property, one per group of authentications that get the same options
 * (what a provider supports decides what it is offered), each shown only for its group. A group
 * left with no option gets no copy.
 *
 * Every copy keeps the property's own default, even where the group does not offer it: n8n saves
 * a workflow without the parameters that equal their default, so a default that differed per
 * credential would silently turn a saved choice into another one when the user switches the
 * credential (a Cloud API "Template > Get Many" would become ITNIO's "Create"). With one default
 * the saved choice stays, the editor marks it as not offered, and running it fails with core's
 * "... is not supported by <provider>" and the alternative.
 */
export function perAuthentication<T>(
  property: INodeProperties,
  choices: readonly T[],
  offered: (choice: T, authentication: AuthenticationName) => boolean,
  toOption: (choice: T) => INodePropertyOptions,
): INodeProperties[] {
  const groups = new Map<string, { authentications: AuthenticationName[]; options: INodePropertyOptions[] }>();
  for (const authentication of AUTHENTICATION_NAMES) {
    const options = choices.filter((choice) => offered(choice, authentication)).map(toOption);
    if (options.length === 0) continue;
    const key = options.map((option) => String(option.value)).join('\n');
    const group = groups.get(key) ?? { authentications: [], options };
    group.authentications.push(authentication);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ authentications, options }) => ({
    ...property,
    options,
    default: property.default,
    displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, authentication: authentications } },
  }));
}

/** One entry of a resource's Operation selector, with the catalogue operation it runs. */
export interface OperationChoice extends INodePropertyOptions {
  value: string;
  operation: OperationName;
  /** For message sends: the message kind it always sends (Send Template: template). */
  kind?: MessageKind;
}

export function offers(choice: OperationChoice, authentication: AuthenticationName): boolean {
  if (!authenticationsFor(choice.operation).includes(authentication)) return false;
  return choice.kind === undefined || authenticationsSending(choice.kind).includes(authentication);
}

function option({ name, value, action, description }: OperationChoice): INodePropertyOptions {
  return description === undefined ? { name, value, action } : { name, value, action, description };
}

/** A resource's Operation selector: for each credential, only the operations its provider supports. */
export function operationSelectors(resource: string, choices: readonly OperationChoice[], defaultValue: string): INodeProperties[] {
  const property: INodeProperties = {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: [resource] } },
    options: [],
    default: defaultValue,
  };
  return perAuthentication(property, choices, offers, option);
}

/** Whether any operation of the resource runs with the credential (the Resource selector shows only those). */
export function resourceOffered(choices: readonly OperationChoice[], authentication: AuthenticationName): boolean {
  return choices.some((choice) => offers(choice, authentication));
}
