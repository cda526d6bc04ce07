import { newNumericId } from '../runtime/ids';
import type { TemplateRecord } from './template-record';

export class TemplateStore {
  private readonly templates = new Map<string, TemplateRecord>();
  private sequence = 0;

  add(template: Omit<TemplateRecord, 'id' | 'sequence' | 'rejectedReason'> & { id?: string }): TemplateRecord {
    let id = template.id ?? newNumericId();
    while (this.templates.has(id)) id = newNumericId();
    this.sequence += 1;
    const record: TemplateRecord = { ...template, id, rejectedReason: 'NONE', sequence: this.sequence };
    this.templates.set(id, record);
    return record;
  }

  byId(id: string): TemplateRecord | undefined {
    return this.templates.get(id);
  }

  find(name: string, language: string): TemplateRecord | undefined {
    return this.all().find((template) => template.name === name && template.language === language);
  }

  /** In creation order. */
  all(): TemplateRecord[] {
    return [...this.templates.values()];
  }

  remove(id: string): void {
    this.templates.delete(id);
  }

  clear(): void {
    this.templates.clear();
    this.sequence = 0;
  }
}
