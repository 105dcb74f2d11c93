// Makes sure Debian's chromium and firefox-esr (and openssl) are installed, so `npm test` and `npm start` work
// on a fresh machine. Test tools cannot download browsers here; apt can.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr', openssl: '/usr/bin/openssl' };

export function ensureBrowsers(names = Object.keys(PACKAGES)) {
  const missing = names.filter((name) => !existsSync(PACKAGES[name]));
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const apt = (args) => (root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
  console.log(`Installing ${missing.join(', ')} with apt-get (Debian packages; test tools cannot download browsers here)…`);
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const [cmd, argv] = apt(args);
    const result = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`could not install ${missing.join(', ')}: run  apt-get install -y ${missing.join(' ')}  as root`);
  }
  execFileSync(PACKAGES[missing[0]], ['--version'], { stdio: 'ignore' });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowsers(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
