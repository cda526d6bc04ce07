/**
 * The title n8n's editor shows for a node error (NodeErrorView in n8n-editor-ui 2.8.4 and 2.41.1,
 * getErrorMessage + addItemIndexSuffix): the error's message, and when the node's input had more
 * than one item and the error names an item, " [item N]" after it, N counted from 0. With one
 * input item nothing is added. The details panel also lists "Item Index".
 */
export function n8nErrorTitle(error: { message: string; context: { itemIndex?: unknown } }, inputItems: number): string {
  const suffix = inputItems > 1 && error.context.itemIndex !== undefined ? `item ${String(error.context.itemIndex)}` : '';
  return error.message.includes(suffix) ? error.message : `${error.message} [${suffix}]`;
}
