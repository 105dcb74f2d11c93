import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkManagedConfig, effectiveSettings, fixedSettingChanges, LOCKABLE, organizationLabel, userSettingsToStore } from '../../../src/shared/managed-config.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/protocol.ts';

const GOOD = {
  identityCenter: { startUrl: 'https://example-corp.awsapps.com/start', region: 'eu-west-1' },
  diagnosticRole: 'WhyDeniedDiagnostics',
  admin: { name: 'Cloud Platform Team', email: 'cloud@example.com', url: 'https://wiki.example.com/aws-access' },
  requestChannel: { ticketUrl: 'https://tickets.example.com/new?summary={summary}&body={request}' },
  allowAccessKeys: false,
  responseObserver: true,
  showPanel: 'on-request',
  requestFormat: 'markdown',
  locked: ['requestFormat', 'requestChannel'],
};

describe('checkManagedConfig', () => {
  it('keeps every good value and ignores nothing', () => {
    const { config, ignored } = checkManagedConfig(GOOD);
    expect(ignored).toEqual([]);
    expect(config).toEqual({ ...GOOD, requestChannel: { kind: 'ticketUrl', url: GOOD.requestChannel.ticketUrl } });
  });

  it('ignores each bad value, says why, and keeps the rest', () => {
    const { config, ignored } = checkManagedConfig({
      ...GOOD,
      identityCenter: { startUrl: 'http://example-corp.awsapps.com/start', region: 'eu-west-1' },
      admin: { name: 'Cloud Team', email: 'not-an-address', url: 'https://wiki.example.com' },
      requestChannel: { ticketUrl: 'https://tickets.example.com/new?who={user}' },
      showPanel: 'sometimes',
      locked: ['requestFormat', 'everything'],
      surprise: 1,
    });
    expect(ignored).toEqual([
      { key: 'surprise', reason: 'unknown key' },
      { key: 'identityCenter', reason: 'startUrl: not https: "http://example-corp.awsapps.com/start"' },
      { key: 'admin.email', reason: 'not an email address: "not-an-address"' },
      { key: 'requestChannel', reason: 'ticketUrl: unknown placeholder {user}' },
      { key: 'showPanel', reason: 'expected one of auto, on-request; got "sometimes"' },
      { key: 'locked', reason: 'not a setting that can be locked: "everything" (can be: showPanel, requestFormat, requestChannel, responseObserver)' },
    ]);
    expect(config.identityCenter).toBeUndefined();
    expect(config.admin).toEqual({ name: 'Cloud Team', email: '', url: 'https://wiki.example.com' });
    expect(config.requestChannel).toBeUndefined();
    expect(config.showPanel).toBeUndefined();
    expect(config.locked).toEqual(['requestFormat']);
    expect(config.diagnosticRole).toBe('WhyDeniedDiagnostics');
  });

  it('checks malformed URLs, Regions, role names and channels', () => {
    const reasons = (raw: unknown) => checkManagedConfig(raw).ignored.map((i) => `${i.key}: ${i.reason}`);
    expect(reasons({ identityCenter: { startUrl: 'not a url', region: 'us-east-1' } })).toEqual(['identityCenter: startUrl: not a valid URL: "not a url"']);
    expect(reasons({ identityCenter: { startUrl: 'https://x.awsapps.com/start', region: 'Mars' } })).toEqual(['identityCenter: region: not a Region name like us-east-1: "Mars"']);
    expect(reasons({ diagnosticRole: 'has spaces' })).toHaveLength(1);
    expect(reasons({ requestChannel: { ticketUrl: 'http://t.example.com/{summary}' } })).toEqual(['requestChannel: ticketUrl: not https (http)']);
    expect(reasons({ requestChannel: { ticketUrl: 'https://t.example.com/', email: { to: 'a@example.com' } } })).toEqual(['requestChannel: set exactly one of "email" and "ticketUrl"']);
    expect(reasons({ requestChannel: { email: { to: 'a@example.com', cc: 'b@example.com' } } })).toEqual(['requestChannel: email.cc: expected a list of addresses']);
    expect(reasons({ allowAccessKeys: 'no' })).toEqual(['allowAccessKeys: expected true or false; got "no"']);
    expect(reasons('a string')).toEqual(['(policy): expected an object of settings']);
  });

  it('never throws, whatever the policy holds', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.dictionary(fc.constantFrom(...Object.keys(GOOD)), fc.jsonValue()), (any, keyed) => {
      checkManagedConfig(any);
      const { config } = checkManagedConfig(keyed);
      // Whatever survives passes the checks again unchanged (nothing half-checked gets through).
      return Object.keys(config).every((k) => k in GOOD);
    }));
  });
});

describe('precedence and locks', () => {
  const user: Settings = { ...DEFAULT_SETTINGS, panelMode: 'on-request', requestFormat: 'markdown', requestChannel: { kind: 'email', to: 'me@example.com', cc: [], subject: '' } };

  it('managed values win over the user\'s; a locked setting without one keeps its default', () => {
    const { config } = checkManagedConfig({ showPanel: 'auto', responseObserver: false, locked: ['requestChannel'], admin: { name: 'Ops' } });
    expect(effectiveSettings(user, config)).toEqual({ panelMode: 'auto', requestFormat: 'markdown', responseObserver: false, requestChannel: null, admin: { name: 'Ops', email: '', url: '' } });
    expect(effectiveSettings(user, {})).toEqual({ ...user, admin: null });
  });

  it('refuses changes to fixed settings and keeps the user\'s own value for when the policy goes', () => {
    const { config } = checkManagedConfig({ requestFormat: 'text', locked: ['showPanel'] });
    const current = effectiveSettings(user, config);
    expect(fixedSettingChanges(current, { ...current, requestFormat: 'markdown' }, config)).toEqual(['requestFormat']);
    expect(fixedSettingChanges(current, { ...current, panelMode: 'on-request' }, config)).toEqual(['showPanel']);
    expect(fixedSettingChanges(current, { ...current, requestChannel: null }, config)).toEqual([]);
    expect(userSettingsToStore({ ...current, requestChannel: null }, user, config)).toEqual({ ...user, requestChannel: null, admin: null });
  });
});

describe('the schema Chrome reads (assets/managed-schema.json)', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../assets/managed-schema.json', import.meta.url), 'utf8'));
  const typed = (node: Record<string, unknown>, path: string): string[] => {
    const missing = typeof node.type === 'string' ? [] : [path];
    const props = Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>).flatMap(([k, v]) => typed(v, `${path}.${k}`));
    const items = node.items ? typed(node.items as Record<string, unknown>, `${path}[]`) : [];
    return [...missing, ...props, ...items];
  };

  it('is draft-03 and gives every property a type (Chrome refuses the schema otherwise)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-03/schema#');
    expect(typed(schema, '$')).toEqual([]);
  });

  it('names exactly the keys the checks know', () => {
    const { ignored } = checkManagedConfig(Object.fromEntries(Object.keys(schema.properties).map((k) => [k, undefined])));
    expect(ignored).toEqual([]);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(GOOD).sort());
    expect(schema.properties.locked.description).toContain(LOCKABLE.join(', '));
  });

  it('is the file the manifest names', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8'));
    expect(manifest.storage).toEqual({ managed_schema: 'managed-schema.json' });
  });
});

describe('organizationLabel', () => {
  it('is the portal name of an awsapps.com start URL, else the host', () => {
    expect(organizationLabel('https://example-corp.awsapps.com/start')).toBe('example-corp');
    expect(organizationLabel('https://sso.example.com/start')).toBe('sso.example.com');
  });
});
