/** `[#####.....]` for a fraction between 0 and 1. */
export function progressBar(fraction: number, width = 30): string {
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
