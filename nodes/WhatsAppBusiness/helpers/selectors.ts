import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { MessageKind, OperationName } from '../../shared/core';
import { AUTHENTICATION_NAMES, AUTHENTICATIONS, authenticationsFor, authenticationsSending } from '../../shared/provider';
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

/** The names of the authentications, as the Authentication selector shows them ("A", "A or B", "A, B or C"). */
function authenticationNames(authentications: readonly AuthenticationName[]): string {
  const names = authentications.map((name) => AUTHENTICATIONS[name].name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * A resource's Operation selector: one property listing every operation of the resource, whatever
 * the credential, plus a notice for the credentials whose provider cannot run the chosen one.
 *
 * Why not one selector per credential (only what each provider supports): n8n's node picker lists
 * an action for every option of every `resource` property and takes each resource's operations
 * from the first `operation` property shown for it, so copies per credential listed most actions
 * several times (56 entries, 25 distinct). And picking an action adds the node with just
 * `{resource, operation}` (n8n 2.x), the Authentication left at its default: an operation only
 * another credential's copy offered was dropped and the node fell back to Message > Send. With
 * one selector each action is listed once and adds the operation it names; the notice then says
 * which Authentication runs it (running it with another fails with core's "not supported").
 */
export function operationSelectors(resource: string, choices: readonly OperationChoice[], defaultValue: string): INodeProperties[] {
  const selector: INodeProperties = {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: [resource] } },
    options: choices.map(option),
    default: defaultValue,
  };
  const notices: INodeProperties[] = [];
  for (const choice of choices) {
    const supported = AUTHENTICATION_NAMES.filter((authentication) => offers(choice, authentication));
    const unsupported = AUTHENTICATION_NAMES.filter((authentication) => !offers(choice, authentication));
    if (unsupported.length === 0) continue;
    notices.push({
      displayName: `"${choice.action}" needs the ${authenticationNames(supported)} credential: choose it under Authentication`,
      name: 'unsupportedOperationNotice',
      type: 'notice',
      default: '',
      displayOptions: { show: { resource: [resource], operation: [choice.value], authentication: unsupported } },
    });
  }
  return [selector, ...notices];
}

/** Whether any operation of the resource runs with the credential. */
export function resourceOffered(choices: readonly OperationChoice[], authentication: AuthenticationName): boolean {
  return choices.some((choice) => offers(choice, authentication));
}
