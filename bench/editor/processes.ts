import * as fs from 'node:fs';

/** Processes of a code-server session, read from /proc (Linux). */

interface ProcessInfo {
  pid: number;
  parent: number;
  commandLine: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the parent pid is the second field after it.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      found.push({ pid: Number(entry), parent, commandLine });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

function descendants(root: number, all: ProcessInfo[]): ProcessInfo[] {
  const result: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const child of all.filter((candidate) => candidate.parent === pid)) {
      result.push(child);
      queue.push(child.pid);
    }
  }
  return result;
}

/** The extension host of the code-server started as `serverPid`, once it runs. */
export function extensionHostPid(serverPid: number): number | undefined {
  return descendants(serverPid, processes()).find((info) => info.commandLine.includes('--type=extensionHost'))?.pid;
}

/**
 * Processes the extension host started from an installed extension (a language server, say), told from
 * VS Code's own (the JSON language server) by the extensions folder in their command line.
 */
export function extensionProcesses(extensionHost: number, extensionsDir: string): number[] {
  return descendants(extensionHost, processes())
    .filter((info) => info.commandLine.includes(extensionsDir))
    .map((info) => info.pid);
}

export interface Memory {
  /** Resident set now, MB. */
  rss: number;
  /** The most it was resident, MB (VmHWM). */
  peak: number;
}

export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU time the process used so far, user and system, in ms. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
