// The lazy tables the browser bundles carry in place of the generated knowledge tables (vite.config.ts): to their
// readers they must be the plain objects they stand for, entry by entry, and parse only the services asked about.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { lazyTable, serviceOfKey, textsByService } from '../../../src/core/knowledge/lazy-table.ts';
import { grants } from '../../../src/core/knowledge/managed-policies.json';
import sar from '../../../src/core/knowledge/sar-actions.json';

const TABLES: Array<[name: string, table: Record<string, unknown>]> = [
  ['SAR services (by service)', sar.services],
  ['managed-policy grants (by action)', grants],
];
const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ':', 'ce:', ':GetCostAndUsage', 'CE:GetCostAndUsage', 'nosuchservice:Get'];

afterEach(() => vi.restoreAllMocks());

describe.each(TABLES)('lazy table: %s', (_name, table) => {
  const lazy = () => lazyTable(textsByService(table));

  test('has every entry, equal to the plain table, and the same keys', () => {
    const view = lazy();
    expect(Object.keys(view).sort()).toEqual(Object.keys(table).sort());
    for (const key of Object.keys(table)) {
      expect(Object.hasOwn(view, key)).toBe(true);
      expect(key in view).toBe(true);
      expect(view[key]).toEqual(table[key]);
    }
    expect(JSON.parse(JSON.stringify(view))).toEqual(table);
  });

  test('answers names that are not entries as the plain object does', () => {
    const view = lazy();
    for (const key of ODD_KEYS) {
      expect([key, Object.hasOwn(view, key)]).toEqual([key, Object.hasOwn(table, key)]);
      expect([key, key in view]).toEqual([key, key in table]);
      expect([key, view[key]]).toEqual([key, table[key]]);
    }
  });

  test('cannot be changed', () => {
    const view = lazy();
    const [key] = Object.keys(table) as [string];
    expect(() => Object.assign(view, { [key]: 1 })).toThrow(TypeError);
    expect(() => delete (view as Record<string, unknown>)[key]).toThrow(TypeError);
    expect(view[key]).toEqual(table[key]);
  });
});

describe('lazy table parsing', () => {
  test('parses only the service asked about, once', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const view = lazyTable(textsByService(grants));
    expect(parse).not.toHaveBeenCalled();
    const ce = Object.keys(grants).filter((key) => serviceOfKey(key) === 'ce');
    for (const key of ce) expect(view[key]).toEqual((grants as Record<string, unknown>)[key]);
    expect(Object.hasOwn(view, 'budgets:ViewBudget')).toBe(Object.hasOwn(grants, 'budgets:ViewBudget'));
    expect(parse).toHaveBeenCalledTimes(2);
  });

  test('groups actions by their service and services by their own name', () => {
    expect(serviceOfKey('ce:GetCostAndUsage')).toBe('ce');
    expect(serviceOfKey('bcm-pricing-calculator')).toBe('bcm-pricing-calculator');
    expect(Object.keys(textsByService({ 'a:X': 1, 'a:Y': 2, 'b:Z': 3 }))).toEqual(['a', 'b']);
  });
});
