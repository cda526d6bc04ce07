import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as check from './check.operation';

export { check };

export const operationChoices: OperationChoice[] = [
  { name: 'Check', value: 'check', action: 'Check contacts', description: 'Which numbers are on WhatsApp, with their WhatsApp IDs', operation: 'contact.check' },
];

export const description: INodeProperties[] = [...operationSelectors('contact', operationChoices, 'check'), ...check.description];
