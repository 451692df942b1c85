/** Interned strings of one column: each distinct value is stored once and named by a small id. */
export class Dictionary {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);
  private readonly lower: string[] = [];

  get size(): number {
    return this.values.length;
  }

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /**
   * Every value lowercased, by id, for case-insensitive matching without lowercasing a value per
   * query. Built lazily and extended as values arrive; V8 returns an already-lowercase string
   * itself, so for most values this costs a pointer.
   */
  lowercased(): string[] {
    for (let id = this.lower.length; id < this.values.length; id++)
      this.lower.push(this.values[id]!.toLowerCase());
    return this.lower;
  }

  value(id: number): string {
    return this.values[id] ?? '';
  }
}
