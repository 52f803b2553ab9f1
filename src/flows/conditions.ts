/** Evaluates the closed union of declarative conditions from the flow files. */
import type { Condition } from '../content/schema.js';

export type Slots = Record<string, string | number | boolean>;

export function evaluate(c: Condition, slots: Slots): boolean {
  if ('equals' in c && 'slot' in c) return slots[c.slot] === c.equals;
  if ('isSet' in c) return (slots[c.slot] !== undefined) === c.isSet;
  if ('count' in c) return c.count.slots.filter((s) => slots[s] === c.count.equals).length >= c.atLeast;
  if ('all' in c) return c.all.every((x) => evaluate(x, slots));
  if ('any' in c) return c.any.some((x) => evaluate(x, slots));
  return !evaluate(c.not, slots);
}
