import { beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, resetBrowserDouble } = await import('./browser-double.ts');
const crypto = await import('../../../src/background/profiles/vault-crypto.ts');
const vault = await import('../../../src/background/profiles/vault.ts');

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const OTHER_SECRET = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';

describe('vault crypto', () => {
  it('derives the same key from the same passphrase and salt, and tells a wrong passphrase', async () => {
    const { header, keyBytes } = await crypto.createVault('correct horse battery');
    expect(header.iterations).toBeGreaterThanOrEqual(310_000);
    expect(crypto.fromBase64(header.salt)).toHaveLength(16);
    expect(keyBytes).toHaveLength(32);
    expect(await crypto.unlockVault(header, 'correct horse battery')).toEqual(keyBytes);
    await expect(crypto.unlockVault(header, 'correct horse batterY')).rejects.toThrow(crypto.WrongPassphraseError);
    await expect(crypto.unlockVault(header, 'correct horse batterY')).rejects.toThrow('Wrong passphrase.');
  });

  it('uses a fresh salt per vault, so one passphrase gives different keys', async () => {
    const a = await crypto.createVault('same passphrase');
    const b = await crypto.createVault('same passphrase');
    expect(a.header.salt).not.toBe(b.header.salt);
    expect(a.keyBytes).not.toEqual(b.keyBytes);
    await expect(crypto.unlockVault({ ...a.header, verifier: b.header.verifier }, 'same passphrase')).rejects.toThrow(crypto.WrongPassphraseError);
  });

  it('refuses fewer than 310,000 iterations, and more than 10 million, even from a stored header', async () => {
    const { header } = await crypto.createVault('a passphrase');
    await expect(crypto.unlockVault({ ...header, iterations: 1000 }, 'a passphrase')).rejects.toThrow(/between 310000 and 10000000/);
    await expect(crypto.createVault('a passphrase', 309_999)).rejects.toThrow(/between 310000 and 10000000/);
    // A header altered to ask for 2^40 iterations is refused at once instead of hanging the unlock.
    const started = Date.now();
    await expect(crypto.unlockVault({ ...header, iterations: 2 ** 40 }, 'a passphrase')).rejects.toThrow(/between 310000 and 10000000/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('seals with a fresh IV, opens only with the same key and purpose, and detects tampering', async () => {
    const key = await crypto.importVaultKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    const otherKey = await crypto.importVaultKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    const aad = crypto.secretAad('profile-1');
    const one = await crypto.seal(key, SECRET, aad);
    const two = await crypto.seal(key, SECRET, aad);
    expect(one.iv).not.toBe(two.iv);
    expect(one.data).not.toContain(SECRET);
    expect(await crypto.open(key, one, aad)).toBe(SECRET);
    await expect(crypto.open(otherKey, one, aad)).rejects.toThrow(crypto.WrongPassphraseError);
    await expect(crypto.open(key, one, crypto.secretAad('profile-2'))).rejects.toThrow(crypto.WrongPassphraseError);
    const bytes = crypto.fromBase64(one.data);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(crypto.open(key, { iv: one.iv, data: crypto.toBase64(bytes) }, aad)).rejects.toThrow(crypto.WrongPassphraseError);
  });

  it('round-trips any text and any bytes', async () => {
    const key = await crypto.importVaultKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
      expect(await crypto.open(key, await crypto.seal(key, text, 'aad'), 'aad')).toBe(text);
    }), { numRuns: 50 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100_000 }), (bytes) => {
      expect(crypto.fromBase64(crypto.toBase64(bytes))).toEqual(bytes);
    }), { numRuns: 30 });
  });
});

describe('vault storage', () => {
  beforeEach(resetBrowserDouble);

  it('without a passphrase keeps the secret as given, and says so in its status', async () => {
    await vault.storeSecret('p1', SECRET);
    expect(browserDouble.kept.dump()).toContain(SECRET);
    expect(await vault.vaultStatus()).toEqual({ encrypted: false, unlocked: false, iterations: null, plainSecrets: 1, idleLockMinutes: 15 });
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
  });

  it('setting a passphrase seals every saved secret; nothing readable stays on disk', async () => {
    await vault.storeSecret('p1', SECRET);
    await vault.storeSecret('p2', OTHER_SECRET);
    const status = await vault.setPassphrase('long enough passphrase', null);
    expect(status).toMatchObject({ encrypted: true, unlocked: true, plainSecrets: 0, iterations: crypto.PBKDF2_ITERATIONS });
    const disk = browserDouble.kept.dump();
    expect(disk).not.toContain(SECRET);
    expect(disk).not.toContain(OTHER_SECRET);
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
    expect(await vault.readSecret('p2')).toEqual({ ok: true, secretAccessKey: OTHER_SECRET });
    // The derived key lives only in the session area.
    expect(browserDouble.kept.keys()).not.toContain('vault-key');
    expect(browserDouble.storage.session.keys()).toContain('vault-key');
  });

  it('locked, it reports "locked"; a wrong passphrase says so; the right one unlocks for the session', async () => {
    await vault.setPassphrase('long enough passphrase', null);
    await vault.storeSecret('p1', SECRET);
    expect(browserDouble.kept.dump()).not.toContain(SECRET);
    await vault.lock();
    expect(await vault.isLocked()).toBe(true);
    expect(await vault.readSecret('p1')).toMatchObject({ ok: false, reason: 'locked' });
    await expect(vault.storeSecret('p2', OTHER_SECRET)).rejects.toThrow(vault.VaultLockedError);
    await expect(vault.unlock('not the passphrase')).rejects.toThrow('Wrong passphrase.');
    expect(await vault.isLocked()).toBe(true);
    expect(await vault.unlock('long enough passphrase')).toMatchObject({ encrypted: true, unlocked: true });
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
  });

  it('a browser restart (session area cleared) locks the vault again', async () => {
    await vault.setPassphrase('long enough passphrase', null);
    await vault.storeSecret('p1', SECRET);
    await browserDouble.storage.session.clear();
    expect(await vault.readSecret('p1')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('changing the passphrase needs the current one and re-seals under the new key', async () => {
    await vault.storeSecret('p1', SECRET);
    await vault.setPassphrase('first passphrase', null);
    await expect(vault.setPassphrase('second passphrase', null)).rejects.toThrow(/current one/);
    await expect(vault.setPassphrase('second passphrase', 'wrong one!')).rejects.toThrow('Wrong passphrase.');
    await vault.setPassphrase('second passphrase', 'first passphrase');
    await vault.lock();
    await expect(vault.unlock('first passphrase')).rejects.toThrow('Wrong passphrase.');
    await vault.unlock('second passphrase');
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
  });

  it('refuses a short passphrase, and removing the passphrase stores the secrets plainly again', async () => {
    await expect(vault.setPassphrase('short', null)).rejects.toThrow(/at least 8/);
    await vault.storeSecret('p1', SECRET);
    await vault.setPassphrase('first passphrase', null);
    await vault.lock();
    await expect(vault.removePassphrase('nope nope')).rejects.toThrow('Wrong passphrase.');
    expect(await vault.removePassphrase('first passphrase')).toEqual({ encrypted: false, unlocked: false, iterations: null, plainSecrets: 1, idleLockMinutes: 15 });
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
  });

  it('a sealed secret moved onto another profile does not open there', async () => {
    await vault.setPassphrase('long enough passphrase', null);
    await vault.storeSecret('p1', SECRET);
    const sealed = (await browserDouble.kept.get('profile-secret:p1'))['profile-secret:p1'];
    await browserDouble.kept.set({ 'profile-secret:p2': sealed });
    expect(await vault.readSecret('p2')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('a damaged stored value reads as absent instead of throwing', async () => {
    await browserDouble.kept.set({ 'profile-secret:p1': { format: 'sealed', iv: 42 } });
    expect(await vault.readSecret('p1')).toMatchObject({ ok: false, reason: 'missing' });
    await browserDouble.kept.set({ vault: 'garbage' });
    expect(await vault.vaultStatus()).toMatchObject({ encrypted: false });
  });
});

describe('vault idle lock', () => {
  beforeEach(resetBrowserDouble);

  it('locks itself once it has not been used for the idle time the user set', async () => {
    await vault.storeSecret('p1', SECRET);
    await vault.setPassphrase('long enough passphrase', null);
    expect(await vault.setIdleLock(5)).toMatchObject({ unlocked: true, idleLockMinutes: 5 });
    expect(await vault.lockIfIdle(Date.now() + 4 * 60_000)).toBe(false);
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
    expect(await vault.lockIfIdle(Date.now() + 5 * 60_000 + 1)).toBe(true);
    expect(await vault.vaultStatus()).toMatchObject({ encrypted: true, unlocked: false });
    expect(browserDouble.storage.session.keys()).not.toContain('vault-key');
    expect(await vault.readSecret('p1')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('accepts an idle time from 1 minute to a day only', async () => {
    await expect(vault.setIdleLock(0)).rejects.toThrow(/between 1 and 1440/);
    await expect(vault.setIdleLock(1441)).rejects.toThrow(/between 1 and 1440/);
    expect((await vault.vaultStatus()).idleLockMinutes).toBe(15);
  });
});

describe('migration of an earlier install', () => {
  beforeEach(resetBrowserDouble);

  it('moves profiles, the vault header and secrets out of storage.local once, erases the old copies, ignores later ones', async () => {
    const areas = await import('../../../src/background/storage/areas.ts');
    const legacyProfile = { id: 'p1', name: 'old', partition: 'aws', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', lastTest: null, kind: 'keys', credentialKind: 'long-term', accessKeyId: 'AKIAOLDPROFILE000001', role: null };
    await browserDouble.storage.local.set({ settings: { panelMode: 'auto', requestFormat: 'text' }, profiles: [legacyProfile], 'profile-secret:p1': { format: 'plain', secretAccessKey: SECRET } });
    expect(await areas.migrateLegacyLocal()).toBe(2);
    expect(browserDouble.storage.local.keys()).toEqual(['settings']);
    expect((await browserDouble.kept.get(['profiles'])).profiles).toEqual([{ ...legacyProfile, customEndpoint: true }]);
    expect(await vault.readSecret('p1')).toEqual({ ok: true, secretAccessKey: SECRET });
    const { listProfiles } = await import('../../../src/background/profiles/store.ts');
    expect((await listProfiles()).map((p) => p.id)).toEqual(['p1']);

    // Whatever a content script writes there later is erased unread.
    await browserDouble.storage.local.set({ profiles: [{ ...legacyProfile, endpoint: 'https://attacker.example' }], 'profile-secret:p9': { format: 'plain', secretAccessKey: 'planted' } });
    expect(await areas.migrateLegacyLocal()).toBe(0);
    expect(browserDouble.storage.local.keys()).toEqual(['settings']);
    expect(browserDouble.kept.dump()).not.toContain('attacker.example');
    expect(browserDouble.kept.dump()).not.toContain('planted');
  });
});
