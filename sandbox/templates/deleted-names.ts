/** Meta keeps a deleted template's name reserved this long. */
export const NAME_REUSE_BLOCK_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Names of deleted templates and when they were deleted: Meta refuses to create a template under
 * a name deleted in the last 30 days, in any language, so clients must handle that answer.
 */
export class DeletedTemplateNames {
  private readonly deletedAt = new Map<string, number>();

  record(name: string, nowMs: number): void {
    this.deletedAt.set(name, nowMs);
  }

  /** When the name was last deleted, if that was less than 30 days before `nowMs`. */
  blockedSince(name: string, nowMs: number): number | null {
    const at = this.deletedAt.get(name);
    if (at === undefined) return null;
    if (nowMs - at >= NAME_REUSE_BLOCK_MS) {
      this.deletedAt.delete(name);
      return null;
    }
    return at;
  }

  clear(): void {
    this.deletedAt.clear();
  }
}
