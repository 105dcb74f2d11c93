// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { DenialContainer } from '../../../src/console/find-denials.ts';
import { type Tracked, reconcile } from '../../../src/console/reconcile.ts';

const denial = (action: string): Denial => parseDenials(`User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ${action}`)[0]!;
const shows = (container: Element, ...actions: string[]): DenialContainer => ({ container, detector: 'alert', text: '', denials: actions.map(denial) });

let ids = 0;
const newId = () => `id-${++ids}`;
let slot: HTMLElement;
beforeEach(() => {
  ids = 0;
  document.body.innerHTML = '<div id="slot"></div><div id="other"></div>';
  slot = document.getElementById('slot')!;
});
function box(parent: Element = slot): HTMLElement {
  const el = document.createElement('div');
  parent.append(el);
  return el;
}

function step(previous: Map<string, Tracked>, results: DenialContainer[]) {
  return reconcile(previous, results, newId);
}

describe('reconcile', () => {
  test('a new denial is added, one that is gone is removed', () => {
    const a = box();
    const first = step(new Map(), [shows(a, 'ce:GetCostAndUsage')]);
    expect(first.change.added.map(f => [f.id, f.denial.action, f.anchor])).toEqual([['id-1', 'ce:GetCostAndUsage', a]]);
    const second = step(first.tracked, []);
    expect(second.change).toEqual({ added: [], updated: [], removed: ['id-1'] });
    expect(second.tracked.size).toBe(0);
  });

  test('nothing changed: nothing reported', () => {
    const a = box();
    const first = step(new Map(), [shows(a, 'ce:GetCostAndUsage')]);
    expect(step(first.tracked, [shows(a, 'ce:GetCostAndUsage')]).change).toEqual({ added: [], updated: [], removed: [] });
  });

  test('the same denial in two containers is one, anchored at the first', () => {
    const a = box();
    const b = box();
    const { change } = step(new Map(), [shows(a, 'ce:GetCostAndUsage'), shows(b, 'ce:GetCostAndUsage')]);
    expect(change.added.map(f => f.anchor)).toEqual([a]);
  });

  test('the anchor stays put while it still shows the denial, and moves when it goes', () => {
    const a = box();
    const b = box();
    const first = step(new Map(), [shows(a, 'ce:GetCostAndUsage')]);
    const second = step(first.tracked, [shows(b, 'ce:GetCostAndUsage'), shows(a, 'ce:GetCostAndUsage')]);
    expect(second.change.updated).toEqual([]);
    a.remove();
    const third = step(second.tracked, [shows(b, 'ce:GetCostAndUsage')]);
    expect(third.change.updated.map(f => [f.id, f.anchor])).toEqual([['id-1', b]]);
  });

  test('a container whose denial changed keeps its id', () => {
    const a = box();
    const first = step(new Map(), [shows(a, 'ce:GetCostAndUsage')]);
    const second = step(first.tracked, [shows(a, 'ce:GetCostForecast')]);
    expect(second.change.added).toEqual([]);
    expect(second.change.removed).toEqual([]);
    expect(second.change.updated.map(f => [f.id, f.denial.action])).toEqual([['id-1', 'ce:GetCostForecast']]);
  });

  test('a container re-mounted in the same parent with another denial keeps the id; elsewhere it is new', () => {
    const a = box();
    const first = step(new Map(), [shows(a, 'ce:GetCostAndUsage')]);
    a.remove();
    const again = box();
    const second = step(first.tracked, [shows(again, 'ce:GetCostForecast')]);
    expect(second.change.updated.map(f => f.id)).toEqual(['id-1']);
    again.remove();
    const elsewhere = box(document.getElementById('other')!);
    const third = step(second.tracked, [shows(elsewhere, 'ce:GetTags')]);
    expect(third.change).toMatchObject({ added: [{ id: 'id-2' }], updated: [], removed: ['id-1'] });
  });

  test('a container that now shows two denials keeps one id and adds the other', () => {
    const a = box();
    const first = step(new Map(), [shows(a, 'ce:GetCostAndUsage')]);
    const second = step(first.tracked, [shows(a, 'ce:GetCostAndUsage', 'ce:GetTags')]);
    expect(second.change.added.map(f => [f.id, f.denial.action])).toEqual([['id-2', 'ce:GetTags']]);
    expect(second.change.updated).toEqual([]);
  });
});
