// Small SVG charts drawn with the DOM: a bar chart for counts by label, a timeline of records and errors, and an
// uptime bar. Colours come from CSS classes (the Content-Security-Policy allows no inline style); every chart is
// an image with a text alternative, and the numbers are also printed as text.
import {
    axisDivisions, formatCount, formatDecimal, formatInstant, formatLatency, formatSpan, formatTick, niceCeiling, statusLabel,
} from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

export function svg(name, attributes = {}, text = undefined) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) {
        element.setAttribute(key, String(value));
    }
    if (text !== undefined) {
        element.textContent = text;
    }
    return element;
}

function widthOf(container, fallback) {
    return Math.max(280, Math.floor(container.clientWidth || fallback));
}

function imageRoot(width, height, label) {
    const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
                              class: 'chart' });
    return root;
}

/**
 * Horizontal bars, one row per {label, value, valueText, className}: the label on the left, the bar, the
 * value as text after it. Rows carry data-label, their value text data-value, for tests and styling.
 */
export function barChart(container, rows, { label, max = undefined, labelWidth = 72 } = {}) {
    const width = widthOf(container, 480);
    const rowHeight = 30;
    const valueWidth = 150;
    const height = rows.length * rowHeight + 4;
    const limit = max ?? Math.max(1, ...rows.map((row) => row.value));
    const plot = Math.max(40, width - labelWidth - valueWidth);
    const summary = rows.map((row) => `${row.label}: ${row.valueText}`).join('; ');
    const root = imageRoot(width, height, `${label}. ${summary}`);
    rows.forEach((row, index) => {
        const y = index * rowHeight + 2;
        const group = svg('g', { 'data-label': row.label });
        group.append(svg('text', { x: labelWidth - 8, y: y + rowHeight / 2, class: 'chart-label', 'text-anchor': 'end',
                                   'dominant-baseline': 'middle' }, row.label));
        const barWidth = row.value > 0 ? Math.max(2, (plot * row.value) / limit) : 0;
        group.append(svg('rect', { x: labelWidth, y: y + 5, width: barWidth, height: rowHeight - 10, rx: 2,
                                   class: `bar ${row.className ?? 'bar-default'}` }));
        group.append(svg('text', { x: labelWidth + barWidth + 6, y: y + rowHeight / 2, class: 'chart-value',
                                   'dominant-baseline': 'middle', 'data-value': row.value }, row.valueText));
        root.append(group);
    });
    container.replaceChildren(root);
    return root;
}

/** Gridlines and labels on round values from 0 to top; counts (the default format) only on whole numbers. */
function yAxis(root, geometry, top, format = formatCount) {
    const { left, right, plotHeight, marginTop } = geometry;
    const divisions = axisDivisions(top, format === formatCount);
    for (let i = 0; i <= divisions; i++) {
        const value = (top * i) / divisions;
        const y = marginTop + plotHeight - (plotHeight * i) / divisions;
        root.append(svg('line', { x1: left, x2: right, y1: y, y2: y, class: i === 0 ? 'axis' : 'gridline' }));
        root.append(svg('text', { x: left - 6, y, class: 'chart-tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
                        format(value)));
    }
}

function xAxis(root, geometry, ticks) {
    const { left, right, marginTop, plotHeight } = geometry;
    for (const tick of ticks) {
        root.append(svg('line', { x1: tick.x, x2: tick.x, y1: marginTop + plotHeight, y2: marginTop + plotHeight + 4,
                                  class: 'axis' }));
        // Labels near an edge hang inwards so that they stay inside the chart.
        const anchor = tick.x - left < 30 ? 'start' : right - tick.x < 30 ? 'end' : 'middle';
        root.append(svg('text', { x: tick.x, y: marginTop + plotHeight + 18, class: 'chart-tick', 'text-anchor': anchor },
                        tick.label));
    }
}

const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
                    604800, 2592000].map((seconds) => seconds * 1000);

/** Time ticks on round instants (every 5 minutes, every hour, ...), at most one per ~100 pixels. */
function timeTicks(first, last, bucket, geometry, slotWidth) {
    const span = last + bucket - first;
    const most = Math.max(2, Math.floor((geometry.right - geometry.left) / 100));
    const step = TICK_STEPS.find((candidate) => candidate >= bucket && span / candidate <= most) ?? span;
    const ticks = [];
    for (let t = Math.ceil(first / step) * step; t <= last + bucket; t += step) {
        const iso = new Date(t).toISOString();
        ticks.push({ x: geometry.left + ((t - first) / bucket) * slotWidth,
                     label: formatTick(iso, span / 1000, step < 60000) });
    }
    return ticks;
}

/**
 * Records per time bucket with the errors among them, as bars on a time axis (UTC). Buckets the API left out
 * are drawn as gaps. Each bucket has a <title> for pointer users; the caller prints the data as a table too.
 */
export function timelineChart(container, timeline, noun) {
    const width = widthOf(container, 900);
    const height = 260;
    const geometry = { left: 64, right: width - 12, marginTop: 10, plotHeight: height - 10 - 32 };
    const points = timeline.points;
    const bucket = timeline.bucketSeconds * 1000;
    const first = Date.parse(points[0].t);
    const slots = Math.round((Date.parse(points[points.length - 1].t) - first) / bucket) + 1;
    const slotWidth = (geometry.right - geometry.left) / slots;
    const peak = points.reduce((best, point) => (point.count > best.count ? point : best), points[0]);
    const errors = points.reduce((sum, point) => sum + point.errors, 0);
    const top = niceCeiling(peak.count);
    const root = imageRoot(width, height, `${noun} over time in buckets of ${formatSpan(timeline.bucketSeconds)}, `
            + `from ${formatInstant(points[0].t)} to ${formatInstant(points[points.length - 1].t)}: peak `
            + `${formatCount(peak.count)} at ${formatInstant(peak.t)}; ${formatCount(errors)} errors in all.`);
    yAxis(root, geometry, top);
    const bars = svg('g', { class: 'timeline-bars' });
    const gap = slotWidth > 4 ? 1 : 0;
    for (const point of points) {
        const slot = Math.round((Date.parse(point.t) - first) / bucket);
        const x = geometry.left + slot * slotWidth + gap / 2;
        const scale = (count) => (geometry.plotHeight * count) / top;
        const group = svg('g', { class: 'bucket', 'data-t': point.t, 'data-count': point.count, 'data-errors': point.errors });
        group.append(svg('title', {}, `${formatInstant(point.t)}: ${formatCount(point.count)} ${noun.toLowerCase()}, `
                + `${formatCount(point.errors)} errors`));
        const requestsHeight = scale(point.count);
        group.append(svg('rect', { x, y: geometry.marginTop + geometry.plotHeight - requestsHeight, width: slotWidth - gap,
                                   height: requestsHeight, class: 'bar bar-records' }));
        if (point.errors > 0) {
            const errorsHeight = Math.max(1, scale(point.errors));
            group.append(svg('rect', { x, y: geometry.marginTop + geometry.plotHeight - errorsHeight, width: slotWidth - gap,
                                       height: errorsHeight, class: 'bar bar-errors' }));
        }
        bars.append(group);
    }
    root.append(bars);
    const ticks = timeTicks(first, Date.parse(points[points.length - 1].t), bucket, geometry, slotWidth);
    xAxis(root, geometry, ticks);
    container.replaceChildren(root);
    return root;
}

/**
 * p50 and p99 latency per interval as two lines on a time axis (UTC), points the API gives as {t, p50Ms, p99Ms}
 * (null when an interval had no requests: the lines break there). Each point is a dot with a <title> and data-t,
 * data-p50 and data-p99 attributes; the caller prints the numbers as a table too.
 */
export function latencyChart(container, points, intervalSeconds) {
    const width = widthOf(container, 900);
    const height = 220;
    const geometry = { left: 64, right: width - 12, marginTop: 10, plotHeight: height - 10 - 32 };
    const step = intervalSeconds * 1000;
    const first = Date.parse(points[0].t);
    const last = Date.parse(points[points.length - 1].t);
    const span = Math.max(step, last - first);
    const x = (t) => geometry.left + ((Date.parse(t) - first) / span) * (geometry.right - geometry.left);
    const measured = points.filter((point) => point.p99Ms !== null && point.p99Ms !== undefined);
    const worst = measured.reduce((best, point) => (point.p99Ms > best.p99Ms ? point : best), measured[0] ?? { p99Ms: 0 });
    const top = niceCeiling(worst.p99Ms);
    const y = (ms) => geometry.marginTop + geometry.plotHeight - (geometry.plotHeight * ms) / top;
    const root = imageRoot(width, height, `Latency p50 and p99 per ${formatSpan(intervalSeconds)} from `
            + `${formatInstant(points[0].t)} to ${formatInstant(points[points.length - 1].t)}`
            + (measured.length ? `: highest p99 ${formatLatency(worst.p99Ms)} at ${formatInstant(worst.t)}.` : ': no requests.'));
    yAxis(root, geometry, top, (value) => `${formatDecimal(value)} ms`);
    for (const [key, className] of [['p50Ms', 'line-p50'], ['p99Ms', 'line-p99']]) {
        let run = [];
        const flush = () => {
            if (run.length > 1) {
                root.append(svg('polyline', { points: run.join(' '), class: `line ${className}` }));
            }
            run = [];
        };
        for (const point of points) {
            if (point[key] === null || point[key] === undefined) {
                flush();
            } else {
                run.push(`${x(point.t).toFixed(1)},${y(point[key]).toFixed(1)}`);
            }
        }
        flush();
    }
    const dots = svg('g', { class: 'latency-points' });
    for (const point of measured) {
        const group = svg('g', { class: 'latency-point', 'data-t': point.t, 'data-p50': point.p50Ms, 'data-p99': point.p99Ms });
        group.append(svg('title', {}, `${formatInstant(point.t)}: p50 ${formatLatency(point.p50Ms)}, p99 ${formatLatency(point.p99Ms)}`));
        group.append(svg('circle', { cx: x(point.t), cy: y(point.p50Ms), r: 2.5, class: 'dot-p50' }));
        group.append(svg('circle', { cx: x(point.t), cy: y(point.p99Ms), r: 2.5, class: 'dot-p99' }));
        dots.append(group);
    }
    root.append(dots);
    const ticks = timeTicks(first, last - step, step, geometry, ((geometry.right - geometry.left) * step) / span);
    xAxis(root, geometry, ticks);
    container.replaceChildren(root);
    return root;
}

/**
 * One segment per recent result of a health check, oldest on the left, coloured by status, each with a
 * <title> (time, status, output).
 */
export function uptimeBar(history, uptimeText) {
    const segments = history.length;
    const width = 200;
    const height = 20;
    const counts = { pass: 0, warn: 0, fail: 0 };
    history.forEach((entry) => {
        counts[entry.status] = (counts[entry.status] ?? 0) + 1;
    });
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'uptime-bar', role: 'img', preserveAspectRatio: 'none',
                              'aria-label': `Uptime ${uptimeText} over the last ${segments} results: ${counts.pass} pass, `
                                      + `${counts.warn} warn, ${counts.fail} fail (oldest first)` });
    const slot = width / Math.max(1, segments);
    history.forEach((entry, index) => {
        const segment = svg('rect', { x: index * slot + 0.5, y: 0, width: Math.max(1, slot - 1), height,
                                      class: `segment segment-${entry.status}`, 'data-status': entry.status });
        segment.append(svg('title', {}, `${formatInstant(entry.time)}: ${statusLabel(entry.status)}`
                + (entry.output ? ` (${entry.output})` : '')));
        root.append(segment);
    });
    return root;
}
