// The Traffic page: GET /api/v1/traffic, this gateway's requests per route from its own metrics: the last minute of
// each route in a table (requests/s, error %, p50, p99), and the window's points as charts with their numbers as
// tables, refreshed on a timer.
import { getJson, setUpKeyForm, showMessage } from './api.js';
import { latencyChart, timelineChart } from './charts.js';
import { formatCount, formatInstant, formatLatency, formatPercent, formatRate, formatSpan, routeLabel } from './format.js';
import { autoRefresh } from './refresh.js';

const $ = (id) => document.getElementById(id);

let latest = null;

function cell(text, className) {
    const element = document.createElement('td');
    element.textContent = text;
    if (className) {
        element.className = className;
    }
    return element;
}

function rowHeader(text) {
    const element = document.createElement('th');
    element.scope = 'row';
    element.textContent = text;
    return element;
}

/** A summary or point's figures, formatted, in the table's column order. */
function figures(traffic) {
    return [formatRate(traffic.requestsPerSecond), formatPercent(traffic.errorPercent), formatLatency(traffic.p50Ms),
            formatLatency(traffic.p99Ms), formatCount(traffic.requests)];
}

function renderTable(document) {
    const rows = document.routes.map((route) => {
        const row = window.document.createElement('tr');
        row.dataset.route = route.route;
        row.append(rowHeader(routeLabel(route.route)), cell(route.upstream ?? 'gateway', 'col-upstream'),
                   ...figures(route.summary).map((text) => cell(text, 'num')));
        return row;
    });
    $('routes').tBodies[0].replaceChildren(...rows);
    const seconds = document.routes[0]?.summary.seconds ?? 0;
    $('routes-hint').textContent = seconds >= 59
        ? 'Over the last minute.'
        : `Over the last ${formatSpan(Math.round(seconds))}, since this gateway started.`;
}

function legend(items) {
    const element = document.createElement('p');
    element.className = 'legend';
    for (const [swatch, text] of items) {
        const mark = document.createElement('span');
        mark.className = `swatch ${swatch}`;
        mark.setAttribute('aria-hidden', 'true');
        element.append(mark, ` ${text} `);
    }
    return element;
}

function pointsTable(route, points) {
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Show the numbers';
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    const table = document.createElement('table');
    table.className = 'points-table';
    const caption = document.createElement('caption');
    caption.className = 'visually-hidden';
    caption.textContent = `${routeLabel(route.route)}: requests and latency per interval`;
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    for (const [text, numeric] of [['Interval ending', false], ['Requests/s', true], ['Error %', true], ['p50', true],
                                   ['p99', true], ['Requests', true]]) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = text;
        if (numeric) {
            th.className = 'num';
        }
        headRow.append(th);
    }
    head.append(headRow);
    const body = document.createElement('tbody');
    body.append(...[...points].reverse().map((point) => {
        const row = document.createElement('tr');
        row.append(rowHeader(formatInstant(point.t)), ...figures(point).map((text) => cell(text, 'num')));
        return row;
    }));
    table.append(caption, head, body);
    scroll.append(table);
    details.append(summary, scroll);
    return details;
}

/** A card per route that had requests in the window: requests and errors per interval, p50 and p99, the numbers. */
function renderCharts(document) {
    const interval = document.intervalSeconds;
    // Tables of numbers someone opened stay open across refreshes.
    const open = new Set([...$('route-charts').querySelectorAll('details[open]')]
        .map((details) => details.closest('section').dataset.route));
    const cards = document.routes
        .filter((route) => route.points.some((point) => point.requests > 0))
        .map((route, index) => {
            const card = window.document.createElement('section');
            card.className = 'card wide route-card';
            card.dataset.route = route.route;
            const title = window.document.createElement('h2');
            title.id = `route-title-${index}`;
            title.textContent = `${routeLabel(route.route)}${route.upstream ? ` → ${route.upstream}` : ''}`;
            card.setAttribute('aria-labelledby', title.id);
            const requests = window.document.createElement('div');
            requests.className = 'chart-box requests-chart';
            const latency = window.document.createElement('div');
            latency.className = 'chart-box latency-chart';
            card.append(title,
                        legend([['swatch-records', `Requests per ${formatSpan(interval)}`], ['swatch-errors', 'Errors (5xx)']]),
                        requests,
                        legend([['swatch-p50', 'p50'], ['swatch-p99', 'p99']]),
                        latency,
                        pointsTable(route, route.points));
            card.querySelector('details').open = open.has(route.route);
            return { card, route, requests, latency };
        });
    $('route-charts').replaceChildren(...cards.map(({ card }) => card));
    // With no traffic there is nothing to draw: say so rather than show empty charts.
    $('no-traffic').hidden = cards.length > 0;
    $('no-traffic').textContent = `No requests through this gateway in the last ${formatSpan(document.windowSeconds)}: `
        + 'a chart per route appears with its first requests.';
    // Drawn once in the page, so that the charts know their width.
    for (const { route, requests, latency } of cards) {
        // The timeline chart takes buckets by their start; a point closes its interval.
        timelineChart(requests, { bucketSeconds: interval, points: route.points.map((point) => ({
            t: new Date(Date.parse(point.t) - interval * 1000).toISOString(), count: point.requests, errors: point.errors })) },
                      'Requests');
        latencyChart(latency, route.points, interval);
    }
}

/** A narrower or wider page redraws the charts for their new width. */
function redrawOnResize() {
    let frame = 0;
    let width = 0;
    new ResizeObserver((entries) => {
        const now = Math.round(entries[0].contentRect.width);
        if (now === width) {
            return;
        }
        width = now;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => latest && renderCharts(latest));
    }).observe($('route-charts'));
}

function render(document) {
    latest = document;
    renderTable(document);
    renderCharts(document);
}

async function load() {
    const time = new Date().toLocaleTimeString();
    try {
        const { body } = await getJson('/api/v1/traffic');
        render(body);
        showMessage($('message'), '');
        $('updated').textContent = `Updated at ${time}, one point every ${formatSpan(body.intervalSeconds)} over the last `
            + `${formatSpan(body.windowSeconds)}`;
    } catch (error) {
        showMessage($('message'), error.message, 'error', error.requestId);
        $('updated').textContent = `The last refresh, at ${time}, failed`;
        latest = null;
        $('routes').tBodies[0].replaceChildren();
        $('route-charts').replaceChildren();
        $('no-traffic').hidden = true;
    }
}

redrawOnResize();
setUpKeyForm(autoRefresh(load));
