/** Interned strings of one column: each distinct value is stored once and named by a small id. */
export class Dictionary {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);

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

  /** The id of a value, or undefined when no event has it. */
  idOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  value(id: number): string {
    return this.values[id] ?? '';
  }
}
