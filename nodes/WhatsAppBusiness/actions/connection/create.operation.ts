import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { compact, optStr } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { appProperty } from './appName.description';

export const description = updateDisplayOptions({ show: { resource: ['connection'], operation: ['create'] } }, [appProperty]);

export function toInput(get: ParamReader): IDataObject {
  return compact({ app: optStr(get, 'app') });
}

/** The new connection; a person must open its url to authorize it before it becomes ACTIVE. */
export const action = bind({
  operation: 'connection.create',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
