// Child processes in their own process group, stopped as a group: `wrangler dev` starts workerd
// children and may ignore SIGTERM, so killing just the wrangler pid leaves servers behind.
import { spawn } from "node:child_process";

const children = new Set();

export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { stdio: "inherit", detached: true, ...options });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export function stopGroup(child, signal = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** On Ctrl-C / SIGTERM: stop every child group, escalate to SIGKILL after a grace period, then exit. */
export function stopAllOnSignals() {
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) stopGroup(child, "SIGTERM");
    const deadline = setTimeout(() => {
      for (const child of children) stopGroup(child, "SIGKILL");
      process.exit(code);
    }, 3000);
    deadline.unref();
    const check = setInterval(() => {
      if (children.size === 0) {
        clearInterval(check);
        process.exit(code);
      }
    }, 100);
  };
  process.on("SIGINT", () => stop(130));
  process.on("SIGTERM", () => stop(143));
  process.on("SIGHUP", () => stop(129));
  return stop;
}
