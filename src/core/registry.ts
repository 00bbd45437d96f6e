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
    for (const other of this.byId.values()) {
      if (other.name === rule.name)
        throw new Error(`duplicate rule name ${rule.name} (${other.id}, ${rule.id})`);
    }
    this.byId.set(rule.id, rule);
  }

  get(id: string): R | undefined {
    return this.byId.get(id.toUpperCase());
  }

  /** Finds a rule by id or by name. */
  find(idOrName: string): R | undefined {
    const byId = this.get(idOrName);
    if (byId) return byId;
    for (const r of this.byId.values()) if (r.name === idOrName) return r;
    return undefined;
  }

  /** All rules, sorted by id. */
  all(): R[] {
    return [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
