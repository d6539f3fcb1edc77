import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set size now (VmRSS), in bytes. */
  rssBytes: number;
  /** The highest resident set size so far (VmHWM), in bytes. */
  peakRssBytes: number;
}

/** Reads /proc/<pid>/status (Linux); null when the process is gone or /proc is not there. */
export function readProcessMemory(pid: number): ProcessMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  const rssBytes = kilobytes('VmRSS');
  return Number.isNaN(rssBytes) ? null : { rssBytes, peakRssBytes: kilobytes('VmHWM') };
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
