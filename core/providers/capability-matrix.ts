import { listOperations } from '../operations';
import { MESSAGE_KINDS, PROVIDER_NAMES, PROVIDER_SUPPORT, supportsAll } from './support';

const YES = 'yes';
const NO = '-';

/**
 * The README's provider matrix, generated from the catalogue and PROVIDER_SUPPORT so that it can
 * never disagree with what the faces offer (a test compares the README with this output).
 */
export function capabilityMatrixMarkdown(): string {
  const header = `| operation | ${PROVIDER_NAMES.map((name) => PROVIDER_SUPPORT[name].label).join(' | ')} |`;
  const rule = `|---|${PROVIDER_NAMES.map(() => '---').join('|')}|`;
  const operationRows = listOperations().map(
    (operation) => `| \`${operation.name}\` | ${PROVIDER_NAMES.map((name) => (supportsAll(name, operation.requires) ? YES : NO)).join(' | ')} |`,
  );
  const kindRows = MESSAGE_KINDS.map(
    (kind) => `| send: ${kind} | ${PROVIDER_NAMES.map((name) => (PROVIDER_SUPPORT[name].messageKinds.includes(kind) ? YES : NO)).join(' | ')} |`,
  );
  const mediaRow = `| send: media by uploaded id | ${PROVIDER_NAMES.map((name) => (PROVIDER_SUPPORT[name].mediaById ? YES : 'link only')).join(' | ')} |`;
  return [header, rule, ...operationRows, ...kindRows, mediaRow].join('\n');
}
