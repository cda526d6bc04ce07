/**
 * The nodes' "Docs" link. n8n's editor (useNodeDocsUrl in n8n-editor-ui 2.x) takes the node's
 * documentationUrl, else the codex's primaryDocumentation, else, for a community package, the
 * package's npm page. The package's documentation is its README, which the npm page shows once
 * the package is published; there is no other public page for it, so the codex names none (it
 * used to name Meta's Cloud API pages, which are not this package's documentation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';

const ROOT = join(__dirname, '..', '..', '..');
const codex = (file: string) => JSON.parse(readFileSync(join(ROOT, 'nodes', file), 'utf8')) as { resources?: { primaryDocumentation?: unknown } };

/** What n8n 2.x links as the node's Docs (its rule, for a community package). */
function docsLink(nodeType: { documentationUrl?: string }, codexFile: { resources?: { primaryDocumentation?: unknown } }, packageName: string): string {
  if (nodeType.documentationUrl?.startsWith('http')) return nodeType.documentationUrl;
  const primary = (codexFile.resources?.primaryDocumentation as Array<{ url: string }> | undefined)?.[0]?.url;
  if (primary) return primary;
  return `https://www.npmjs.com/package/${packageName}`;
}

describe("the nodes' Docs link", () => {
  const packageName = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;

  test.each([
    ['WhatsAppBusiness/WhatsAppBusiness.node.json', new WhatsAppBusiness().description],
    ['WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node.json', new WhatsAppBusinessTrigger().description],
  ])('%s: the package page (its README), not Meta\'s documentation', (file, description) => {
    expect(codex(file).resources?.primaryDocumentation).toBeUndefined();
    expect(docsLink(description as { documentationUrl?: string }, codex(file), packageName)).toBe('https://www.npmjs.com/package/n8n-nodes-whatsapp-business');
  });
});
