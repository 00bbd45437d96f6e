// The rule registry: every rule of every lens, by id. Reporters, `gotrap rules`, `gotrap
// explain`, the docs generator and the trainer read rule records from here.

import { type RuleMeta, validateRuleMeta } from './rule.js';

export class Registry<R extends RuleMeta = RuleMeta> {
  private readonly byId = new Map<string, R>();

  constructor(rules: Iterable<R> = []) {
    for (const r of rules) this.add(r);
  }

  add(rule: R): void {
    validateRuleMeta(rule);
    if (this.byId.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    // The catalog gives one trap the same name in two lenses (static-glibc-nss is BLD001 in a
    // build file and BIN001 in a binary); within a lens a name is unique.
    for (const other of this.byId.values()) {
      if (other.name === rule.name && other.lens === rule.lens)
        throw new Error(`duplicate rule name ${rule.name} (${other.id}, ${rule.id})`);
    }
    this.byId.set(rule.id, rule);
  }

  get(id: string): R | undefined {
    return this.byId.get(id.toUpperCase());
  }

  /** Finds a rule by id or by name (the lowest id when lenses share the name). */
  find(idOrName: string): R | undefined {
    return this.findAll(idOrName)[0];
  }

  /** Every rule with this id or name, by id. */
  findAll(idOrName: string): R[] {
    const byId = this.get(idOrName);
    if (byId) return [byId];
    return this.all().filter((r) => r.name === idOrName);
  }

  /** All rules, sorted by id. */
  all(): R[] {
    return [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
