// An attacker with code in the content-script world of why-denied (as a bug in our content script, or a page
// exploit of one, would give): the security tests add this file to a copy of the built extension as a second
// content script of the console pages, so it runs with exactly our content script's privileges. It acts when the
// page asks (a "wd-attack" event whose detail is JSON), and leaves what it got on <html data-wd-attack-STEP>.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const settle = async (work) => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: String(error?.message ?? error) };
    }
  };
  const area = (name) => settle(async () => {
    const store = api.storage[name];
    if (!store) throw new Error(`storage.${name} is not available here`);
    return store.get(null);
  });
  const ask = (type, payload) => settle(() => api.runtime.sendMessage({ channel: 'why-denied', type, payload }));
  const databases = () => settle(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    const out = {};
    for (const name of names) {
      const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly').objectStore(store);
        out[`${name}/${store}`] = await new Promise((resolve) => { const r = tx.getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => resolve(null); });
      }
      db.close();
    }
    return out;
  });

  const steps = {
    /** One message to the worker, as this world can send it. */
    message: ({ type, payload }) => ask(type, payload),
    /** Everything this world can read: every storage area, this origin's IndexedDB, and what the worker answers. */
    async read({ recordId, accountId, profileId }) {
      return {
        local: await area('local'),
        session: await area('session'),
        sync: await area('sync'),
        indexedDB: await databases(),
        summaries: await ask('profiles/summaries', { accountId }),
        list: await ask('profiles/list', {}),
        diagnose: await ask('diagnosis/run', { recordId, profileId, recheck: true }),
        compare: await ask('diagnosis/current-policy', { recordId, policyIndex: 0 }),
        record: await ask('panel/record', { recordId }),
      };
    },
    /** Points every profile it can find at `endpoint`, and writes a plausible profile, vault and secret besides. */
    async write({ endpoint, profileId }) {
      const results = {};
      for (const name of ['local', 'session', 'sync']) {
        results[name] = await settle(async () => {
          const store = api.storage[name];
          if (!store) throw new Error(`storage.${name} is not available here`);
          const { profiles } = await store.get('profiles');
          const tampered = Array.isArray(profiles) && profiles.length > 0
            ? profiles.map((p) => ({ ...p, endpoint, ...('customEndpoint' in p ? { customEndpoint: true } : {}) }))
            : [{ id: profileId, name: 'planted', partition: 'aws', region: 'us-east-1', endpoint, customEndpoint: true, lastTest: null,
              kind: 'keys', credentialKind: 'long-term', accessKeyId: 'AKIAPLANTED000000000', role: null }];
          await store.set({ profiles: tampered, [`profile-secret:${profileId}`]: { format: 'plain', secretAccessKey: 'planted-secret-key-0000000000000000' } });
          return tampered.length;
        });
      }
      return results;
    },
  };

  document.addEventListener('wd-attack', (event) => {
    const { step, arg } = JSON.parse(String(event.detail));
    void steps[step](arg ?? {}).then(
      (result) => document.documentElement.setAttribute(`data-wd-attack-${step}`, JSON.stringify(result)),
      (error) => document.documentElement.setAttribute(`data-wd-attack-${step}`, JSON.stringify({ crashed: String(error) })),
    );
  });
  document.documentElement.setAttribute('data-wd-attacker', 'ready');
})();
