// Started detached by the fuzz harness: `node orphan-watchdog.cjs <harness pid> <service pid>...`. When the harness
// dies without stopping its services (a jest worker killed on a timeout), it kills them, so no service outlives the
// run holding ports and memory. It exits on its own once every service is gone.
const [harness, ...services] = process.argv.slice(2).map(Number);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

setInterval(() => {
  const running = services.filter(alive);
  if (running.length === 0) process.exit(0);
  if (!alive(harness)) {
    for (const pid of running) process.kill(pid, 'SIGKILL');
    process.exit(0);
  }
}, 1000);
