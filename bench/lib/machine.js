'use strict';

const fs = require('node:fs');
const os = require('node:os');
const { runCommand } = require('./processes');

/** Returns a description of the machine from /proc and /etc/os-release. */
function describeMachine() {
  const cpuinfo = readIfExists('/proc/cpuinfo');
  const model =
    (/^model name\s*:\s*(.+)$/m.exec(cpuinfo) || [])[1] || os.cpus()[0]?.model || 'unknown CPU';
  const cpuCount = (cpuinfo.match(/^processor\s*:/gm) || []).length || os.cpus().length;
  const memoryKiB = Number(
    (/^MemTotal:\s+(\d+) kB$/m.exec(readIfExists('/proc/meminfo')) || [])[1],
  );
  const memory = memoryKiB
    ? `${(memoryKiB / 1024 / 1024).toFixed(1)} GiB`
    : `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
  const release =
    (/^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readIfExists('/etc/os-release')) || [])[1] || os.type();
  return {
    cpu: `${model} × ${cpuCount}`,
    memory,
    os: `${release}, Linux kernel ${os.release()}`,
    node: process.version,
    loadAverage: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(', '),
  };
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Returns the version of Debian's Glance package seen by the system Python, if installed. */
async function glanceVersion() {
  const result = await runCommand('/usr/bin/python3', [
    '-c',
    "import pbr.version; print(pbr.version.VersionInfo('glance').version_string())",
  ]).catch(() => undefined);
  return result && result.code === 0 ? result.stdout.trim() : undefined;
}

module.exports = { describeMachine, glanceVersion };
