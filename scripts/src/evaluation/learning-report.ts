import { fixed, formatTable, percent } from '../console-table';

/** One point of the learning curve: the classifier the router serves after `streamed` prompts. */
export interface CurvePoint {
  streamed: number;
  /** Labels the router got from the fallback LLM so far (requests it was unsure about). */
  fallbackLabels: number;
  version: string;
  accuracy: number;
  fallbackShare: number;
  /** `seed` for the first point; otherwise whether the retrain before it was promoted. */
  promoted: 'seed' | 'yes' | 'no';
}

/** The goal the issue set: accuracy up by at least this much, fallback share at most half of the seed's. */
export const ACCURACY_GAIN_GOAL = 0.15;

export function curveTable(points: readonly CurvePoint[]): string {
  return formatTable(
    ['streamed prompts', 'fallback labels received', 'classifier version', 'accuracy on the rest', 'fallback share on it', 'promoted'],
    points.map((point) => [point.streamed, point.fallbackLabels, point.version, percent(point.accuracy), percent(point.fallbackShare), point.promoted]),
  );
}

/** "after N streamed prompts: accuracy +X (goal ≥ +0.15), fallback share Y → Z (goal: at most half)", with a verdict. */
export function goalLine(points: readonly CurvePoint[]): string {
  const first = points[0]!;
  const last = points.at(-1)!;
  const gain = last.accuracy - first.accuracy;
  const accuracyMet = gain >= ACCURACY_GAIN_GOAL;
  const fallbackMet = last.fallbackShare <= first.fallbackShare / 2;
  const signed = `${gain >= 0 ? '+' : '−'}${fixed(Math.abs(gain))}`;
  return (
    `after ${last.streamed} streamed prompts: accuracy ${signed} (goal ≥ +${ACCURACY_GAIN_GOAL}: ${accuracyMet ? 'met' : `missed by ${fixed(ACCURACY_GAIN_GOAL - gain)}`}), ` +
    `fallback share ${percent(first.fallbackShare)} → ${percent(last.fallbackShare)} (goal: at most half: ${fallbackMet ? 'met' : `missed, half is ${percent(first.fallbackShare / 2)}`})`
  );
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 190, top: 50, bottom: 60 };
const SERIES = [
  { name: 'accuracy', color: '#1f6fb4', dash: '', value: (point: CurvePoint) => point.accuracy },
  { name: 'fallback share', color: '#c4421a', dash: '6 4', value: (point: CurvePoint) => point.fallbackShare },
] as const;

/**
 * The curve as a standalone SVG line chart: accuracy and fallback share (0–100%) against streamed prompts. A hollow
 * marker is a point whose retrain was not promoted (the router kept the previous classifier).
 */
export function curveSvg(points: readonly CurvePoint[], title: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxX = Math.max(...points.map((point) => point.streamed), 1);
  const x = (value: number) => fixed(MARGIN.left + (value / maxX) * plotWidth, 1);
  const y = (share: number) => fixed(MARGIN.top + (1 - share) * plotHeight, 1);
  const lines: string[] = [];
  lines.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
  lines.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  lines.push(`<text x="${MARGIN.left}" y="28" font-size="15" font-weight="bold">${escapeXml(title)}</text>`);
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    lines.push(`<line x1="${MARGIN.left}" y1="${y(share)}" x2="${MARGIN.left + plotWidth}" y2="${y(share)}" stroke="#e3e3e3"/>`);
    lines.push(`<text x="${MARGIN.left - 8}" y="${Number(y(share)) + 4}" text-anchor="end">${share * 100}%</text>`);
  }
  for (const point of points) {
    lines.push(`<line x1="${x(point.streamed)}" y1="${MARGIN.top + plotHeight}" x2="${x(point.streamed)}" y2="${MARGIN.top + plotHeight + 5}" stroke="#333"/>`);
    lines.push(`<text x="${x(point.streamed)}" y="${MARGIN.top + plotHeight + 19}" text-anchor="middle">${point.streamed}</text>`);
  }
  lines.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`);
  lines.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${MARGIN.left + plotWidth}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`);
  lines.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 16}" text-anchor="middle">streamed prompts</text>`);
  lines.push(`<text transform="translate(20 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">share of the evaluation prompts</text>`);
  SERIES.forEach((series, index) => {
    const path = points.map((point) => `${x(point.streamed)},${y(series.value(point))}`).join(' ');
    lines.push(`<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2.5"${series.dash ? ` stroke-dasharray="${series.dash}"` : ''}/>`);
    for (const point of points) {
      const fill = point.promoted === 'no' ? '#ffffff' : series.color;
      lines.push(`<circle cx="${x(point.streamed)}" cy="${y(series.value(point))}" r="4" fill="${fill}" stroke="${series.color}" stroke-width="2"/>`);
    }
    const legendY = MARGIN.top + 10 + index * 22;
    const legendX = MARGIN.left + plotWidth + 20;
    lines.push(`<line x1="${legendX}" y1="${legendY}" x2="${legendX + 26}" y2="${legendY}" stroke="${series.color}" stroke-width="2.5"${series.dash ? ` stroke-dasharray="${series.dash}"` : ''}/>`);
    lines.push(`<text x="${legendX + 34}" y="${legendY + 4}">${series.name}</text>`);
  });
  const noteY = MARGIN.top + 10 + SERIES.length * 22;
  const noteX = MARGIN.left + plotWidth + 20;
  lines.push(`<circle cx="${noteX + 13}" cy="${noteY}" r="4" fill="#ffffff" stroke="#555" stroke-width="2"/>`);
  lines.push(`<text x="${noteX + 34}" y="${noteY + 4}">retrain not promoted</text>`);
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
