// Before the tests: the browser tests need Debian's chromium and the session-store tests a real
// redis-server. Installs them with apt-get when missing and allowed (root or sudo); otherwise
// says exactly what to install. Never downloads a browser of its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { pkg: 'chromium', found: ['/usr/bin/chromium'].some(existsSync) },
  { pkg: 'redis-server', found: ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].some(existsSync) },
].filter((n) => !n.found).map((n) => n.pkg);

if (needed.length > 0) {
  const root = process.getuid?.() === 0;
  const sudo = !root && existsSync('/usr/bin/sudo');
  if (!root && !sudo) {
    console.error(`The tests need these Debian packages: ${needed.join(' ')}\nInstall them with: apt-get update && apt-get install -y ${needed.join(' ')}`);
    process.exit(1);
  }
  const run = (args) => execFileSync(sudo ? 'sudo' : args[0], sudo ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  console.error(`installing ${needed.join(' ')} with apt-get (needed by the tests)`);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...needed]);
}
