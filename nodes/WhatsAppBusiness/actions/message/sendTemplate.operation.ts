import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { AUTHENTICATION_NAMES, authenticationsFor, authenticationsWithMediaIds } from '../../../shared/provider';
import { bind, toJson } from '../../helpers/binding';
import { bool, compact, entries, numeric, optField, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { perAuthentication } from '../../helpers/selectors';
import { simplifySend } from '../../helpers/simplify';
import { messageAdditionalFields, phoneNumberIdProperty, recipientProperty, simplifyProperty } from '../common.description';
import { envelope } from './send.operation';

const PARAMETER_TYPES = [
  { name: 'Text', value: 'text' },
  { name: 'Currency', value: 'currency' },
  { name: 'Date and Time', value: 'date_time' },
];

const currencyOnly = { show: { type: ['currency'] } };

/** Fields of one body parameter; `named` adds the variable name. */
function parameterValues(named: boolean): INodeProperties[] {
  const fields: INodeProperties[] = [
    { displayName: 'Type', name: 'type', type: 'options', options: PARAMETER_TYPES, default: 'text' },
    { displayName: 'Value', name: 'text', type: 'string', default: '', description: 'The text (or, for currency and date, the fallback text shown when the app cannot format it)' },
    // Shown only for a currency parameter (relative to the parameter's own Type).
    { displayName: 'Currency Code', name: 'code', type: 'string', default: '', placeholder: 'e.g. USD', description: 'ISO 4217 code', displayOptions: currencyOnly },
    { displayName: 'Amount × 1000', name: 'amount1000', type: 'number', default: 0, description: 'The amount times 1000 (100990 is 100.99)', displayOptions: currencyOnly },
  ];
  return named
    ? [{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. first_name', description: 'The variable name used in the template, without braces' }, ...fields]
    : fields;
}

const HEADER_MEDIA = ['image', 'video', 'document'];
const header = (headerType: string[]) => ({ show: { templateHeaderType: headerType } });

const properties: INodeProperties[] = [
  phoneNumberIdProperty,
  recipientProperty,
  {
    displayName: 'Template Name or ID',
    name: 'template',
    type: 'options',
    typeOptions: { loadOptionsMethod: 'getTemplates' },
    required: true,
    default: '',
    description:
      'The template and its language; an ID is "name|language", e.g. hello_world|en_US. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
    displayOptions: { show: { authentication: authenticationsFor('template.list') } },
  },
  // Providers that cannot list templates (On-Premises, ITNIO): the same parameter, typed in.
  {
    displayName: 'Template',
    name: 'template',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. order_update|en_US',
    description: 'The approved template\'s name and language code, separated by "|"',
    displayOptions: { show: { authentication: AUTHENTICATION_NAMES.filter((name) => !authenticationsFor('template.list').includes(name)) } },
  },
  {
    displayName: 'Body Parameters',
    name: 'bodyParameters',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Parameter', sortable: true },
    placeholder: 'Add Parameter',
    default: {},
    description: 'Values for the variables {{1}}, {{2}} and so on, in order (templates with positional variables)',
    options: [{ displayName: 'Parameter', name: 'parameter', values: parameterValues(false) }],
  },
  {
    displayName: 'Named Body Parameters',
    name: 'namedBodyParameters',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Named Parameter' },
    placeholder: 'Add Named Parameter',
    default: {},
    description: 'Values for {{first_name}}-style variables (templates with named variables); do not mix with positional ones',
    options: [{ displayName: 'Parameter', name: 'parameter', values: parameterValues(true) }],
  },
  {
    displayName: 'Header',
    name: 'templateHeaderType',
    type: 'options',
    options: [
      { name: 'Document', value: 'document' },
      { name: 'Image', value: 'image' },
      { name: 'Location', value: 'location' },
      { name: 'None', value: 'none' },
      { name: 'Text', value: 'text' },
      { name: 'Video', value: 'video' },
    ],
    default: 'none',
    description: "The header parameter, when the template's header has a variable or media",
  },
  {
    displayName: 'Header Text',
    name: 'templateHeaderText',
    type: 'string',
    default: '',
    description: 'The value of the header variable',
    displayOptions: header(['text']),
  },
  {
    displayName: 'Header Variable Name',
    name: 'templateHeaderName',
    type: 'string',
    default: '',
    description: 'For templates with named variables: the header variable name',
    displayOptions: header(['text']),
  },
  // By media id only where the provider takes media ids.
  ...perAuthentication(
    { displayName: 'Header Media Source', name: 'templateHeaderSource', type: 'options', options: [], default: 'link', displayOptions: header(HEADER_MEDIA) },
    [
      { name: 'Link', value: 'link' },
      { name: 'Media ID', value: 'id' },
    ],
    (source, authentication) => source.value === 'link' || authenticationsWithMediaIds().includes(authentication),
    (source) => source,
  ),
  {
    displayName: 'Header Media',
    name: 'templateHeaderMedia',
    type: 'string',
    required: true,
    default: '',
    description: 'The link or media ID of the header file',
    displayOptions: header(HEADER_MEDIA),
  },
  {
    displayName: 'Header File Name',
    name: 'templateHeaderFilename',
    type: 'string',
    default: '',
    displayOptions: header(['document']),
  },
  { displayName: 'Header Latitude', name: 'templateHeaderLatitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0, displayOptions: header(['location']) },
  { displayName: 'Header Longitude', name: 'templateHeaderLongitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0, displayOptions: header(['location']) },
  { displayName: 'Header Location Name', name: 'templateHeaderLocationName', type: 'string', default: '', displayOptions: header(['location']) },
  { displayName: 'Header Location Address', name: 'templateHeaderLocationAddress', type: 'string', default: '', displayOptions: header(['location']) },
  {
    displayName: 'Button Parameters',
    name: 'templateButtons',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button Parameter' },
    placeholder: 'Add Button Parameter',
    default: {},
    description: "Values for the template's buttons that take one",
    options: [
      {
        displayName: 'Button',
        name: 'button',
        values: [
          { displayName: 'Index', name: 'index', type: 'number', typeOptions: { minValue: 0, maxValue: 9 }, default: 0, description: "The button's position in the template, from 0" },
          {
            displayName: 'Type',
            name: 'subType',
            type: 'options',
            options: [
              { name: 'Quick Reply', value: 'quick_reply', description: 'Value: the payload returned when tapped' },
              { name: 'URL', value: 'url', description: "Value: the suffix that replaces the URL's {{1}}" },
              { name: 'Copy Code', value: 'copy_code', description: 'Value: the code copied (up to 15 characters)' },
            ],
            default: 'quick_reply',
          },
          { displayName: 'Value', name: 'value', type: 'string', default: '' },
        ],
      },
    ],
  },
  messageAdditionalFields,
  simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['sendTemplate'] } }, properties);

/** "name|language" from the picker; the language is after the last "|". */
export function parseTemplateChoice(value: string): { name: string; language: string } {
  const at = value.lastIndexOf('|');
  if (at < 0) return { name: value.trim(), language: '' };
  return { name: value.slice(0, at).trim(), language: value.slice(at + 1).trim() };
}

function bodyParameter(entry: IDataObject, named: boolean): IDataObject {
  const type = optField(entry, 'type') ?? 'text';
  const name = named ? (optField(entry, 'name') ?? '') : undefined;
  const text = typeof entry.text === 'number' ? String(entry.text) : (typeof entry.text === 'string' ? entry.text : '');
  if (type === 'currency') {
    return compact({ type, fallbackValue: text, code: optField(entry, 'code') ?? '', amount1000: entry.amount1000, name });
  }
  if (type === 'date_time') return compact({ type, fallbackValue: text, name });
  return compact({ type: 'text', text, name });
}

function templateHeader(get: ParamReader): IDataObject | undefined {
  const type = str(get, 'templateHeaderType', 'none');
  switch (type) {
    case 'none':
      return undefined;
    case 'text':
      return compact({ type, text: str(get, 'templateHeaderText'), name: optStr(get, 'templateHeaderName') });
    case 'location':
      return {
        type,
        location: compact({
          latitude: numeric(get, 'templateHeaderLatitude'),
          longitude: numeric(get, 'templateHeaderLongitude'),
          name: optStr(get, 'templateHeaderLocationName'),
          address: optStr(get, 'templateHeaderLocationAddress'),
        }),
      };
    default: {
      const value = str(get, 'templateHeaderMedia').trim();
      const media: IDataObject = str(get, 'templateHeaderSource', 'link') === 'id' ? { id: value } : { link: value };
      if (type === 'document') {
        const filename = optStr(get, 'templateHeaderFilename');
        if (filename !== undefined) media.filename = filename;
      }
      return { type, [type]: media };
    }
  }
}

const BUTTON_VALUE_FIELD: Record<string, string> = { quick_reply: 'payload', url: 'text', copy_code: 'code' };

function templateButton(entry: IDataObject): IDataObject {
  const type = optField(entry, 'subType') ?? 'quick_reply';
  const index = typeof entry.index === 'number' ? entry.index : Number(entry.index);
  const value = entry.value === undefined || entry.value === null ? '' : String(entry.value);
  return { type, index: Number.isFinite(index) ? index : entry.index, [BUTTON_VALUE_FIELD[type] ?? 'payload']: value };
}

/** Node parameters to core's message.send input with `type: "template"`. */
export function toInput(get: ParamReader): IDataObject {
  const { name, language } = parseTemplateChoice(str(get, 'template'));
  const positional = entries(get, 'bodyParameters', 'parameter').map((entry) => bodyParameter(entry, false));
  const named = entries(get, 'namedBodyParameters', 'parameter').map((entry) => bodyParameter(entry, true));
  const body = [...positional, ...named];
  const buttons = entries(get, 'templateButtons', 'button').map(templateButton);
  return {
    ...envelope(get),
    type: 'template',
    template: compact({
      name,
      language,
      header: templateHeader(get),
      body: body.length > 0 ? body : undefined,
      buttons: buttons.length > 0 ? buttons : undefined,
    }),
  };
}

export const action = bind({
  operation: 'message.send',
  toInput,
  toOutput: (result, get) => [{ json: bool(get, 'simplify', true) ? simplifySend(result) : toJson(result) }],
});
