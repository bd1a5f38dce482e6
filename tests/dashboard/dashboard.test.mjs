// Browser test of the web dashboard, against a running stack (tests/dashboard-test.sh starts it with API keys
// on): Debian's Chromium, driven headless by playwright-core (no browser download). First the traffic page before
// any traffic; then uploads generated logs and checks that the charts and tables show what the API returns for the
// same bytes; checks the health page against the answers it got, and the traffic page against the answer it got
// after known traffic; then stops logparse-service and waits for the health page to show it, and for the traffic
// page to count the 502s. Screenshots go to DASHBOARD_OUT. The tests run in order and share one browser tab.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import {
    formatBytes, formatCount, formatInstant, formatLatency, formatMillis, formatObserved, formatPercent, formatRate,
    formatShare, formatSpan, formatUptime, niceCeiling, routeLabel, statusLabel,
} from '../../gateway/src/main/resources/dashboard/assets/format.js';
import { accessLog, applicationLog } from './logs.mjs';

const BASE = process.env.DASHBOARD_URL ?? 'http://127.0.0.1:17080';
const KEY = process.env.DASHBOARD_API_KEY ?? '';
const RUN_DIR = process.env.DASHBOARD_RUN_DIR ?? '';
const OUT = process.env.DASHBOARD_OUT ?? path.resolve('target/dashboard-test');
const CHROMIUM = process.env.DASHBOARD_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
               '--disable-sync', '--no-first-run'];
const TIMEOUT = { timeout: 60_000 };

let browser;
let context;
let page;
const pageErrors = [];
const files = {};

async function api(pathAndQuery, init = {}) {
    const response = await fetch(BASE + pathAndQuery, { ...init, headers: { 'X-API-Key': KEY, ...(init.headers ?? {}) } });
    return { status: response.status, body: await response.json() };
}

// Everything but the time taken and the latency quantiles, which come from a sketch (KLL) whose answers may differ
// slightly between two analyses of the same bytes; their count and maximum are exact.
function comparable(summary) {
    const { elapsedMs, ...rest } = structuredClone(summary);
    for (const quantile of ['p50', 'p90', 'p99']) {
        delete rest.http?.latencyMs?.[quantile];
    }
    return rest;
}

// A sketch's quantile is right when its rank among the true values is close to the quantile asked for (KLL's rank
// error is about 1-2%); the values themselves can differ a lot in a sparse tail.
function assertQuantilesRankClose(latency, durations) {
    const sorted = [...durations].sort((a, b) => a - b);
    for (const [name, q] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]]) {
        const below = sorted.filter((value) => value < latency[name] - 1e-9).length / sorted.length;
        const atMost = sorted.filter((value) => value <= latency[name] + 1e-9).length / sorted.length;
        assert.ok(below <= q + 0.03 && atMost >= q - 0.03,
                  `${name} = ${latency[name]} ms has rank ${below.toFixed(3)}..${atMost.toFixed(3)} among the log's durations`);
    }
}

/** The $request_time of every well-formed line, in milliseconds. */
function durationsOf(log) {
    return log.split('\n').map((line) => line.match(/^\S+ - - \[.*" \d{3} \d+ ".*" (\d+\.\d{3})$/))
        .filter(Boolean).map((match) => Math.round(Number(match[1]) * 1000));
}

async function text(selector) {
    return (await page.locator(selector).innerText()).trim();
}

async function tableRows(selector) {
    return page.$$eval(`${selector} tbody tr`, (rows) => rows.map((row) => [...row.cells].map((c) => c.innerText.trim())));
}

async function cspViolations() {
    return page.evaluate(() => window.cspViolations ?? []);
}

async function screenshot(name) {
    await page.screenshot({ path: path.join(OUT, name), fullPage: true });
}

async function chooseFile(name, content) {
    await page.setInputFiles('#file', { name, mimeType: 'text/plain', buffer: Buffer.from(content) });
}

async function analyzeInPage(top) {
    await page.fill('#top', String(top));
    const answer = page.waitForResponse((response) => response.url().includes('/api/v1/logs/analyze'), { timeout: 60_000 });
    await page.click('#analyze-button');
    const response = await answer;
    await page.locator('#results').waitFor({ state: 'visible' });
    await page.locator('#analyze-button:not([disabled])').waitFor();
    return response.json();
}

before(async () => {
    mkdirSync(OUT, { recursive: true });
    files.access = accessLog(30_000);
    files.app = applicationLog(3_000);
    writeFileSync(path.join(OUT, 'access.log'), files.access);
    writeFileSync(path.join(OUT, 'app.log'), files.app);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(
            `${event.violatedDirective} ${event.blockedURI}`));
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
    await browser?.close();
});

test('before any traffic, the traffic page lists every route with nothing measured and says why there are no charts',
     TIMEOUT, async () => {
    // The key goes into the tab's storage from a page that calls no API, so that the traffic page's own request is
    // the gateway's first on /api/*: it is counted once its answer has been sent, after the window was read.
    await page.goto(`${BASE}/assets/favicon.svg`);
    await page.evaluate((key) => sessionStorage.setItem('vigil.apiKey', key), KEY);
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/traffic');
    await page.goto(`${BASE}/traffic.html`);
    const { routes } = await (await answer).json();
    await page.locator('#routes tbody tr').first().waitFor();
    assert.ok(routes.length >= 4, 'the configured routes, the API\'s own and "(none)"');
    assert.deepEqual(routes.filter((route) => route.summary.requests !== 0), [], 'no traffic yet');
    assert.deepEqual(await tableRows('#routes'), routes.map((route) => [
        routeLabel(route.route), route.upstream ?? 'gateway', '0/s', '—', '—', '—', '0']));
    assert.match(await text('#no-traffic'), /^No requests through this gateway in the last 2 minutes/);
    assert.equal(await page.locator('#route-charts section').count(), 0);
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(pageErrors, []);
    await screenshot('traffic-no-traffic.png');
    await page.evaluate(() => sessionStorage.clear());
});

test('the app is served without an API key, with a strict Content-Security-Policy', TIMEOUT, async () => {
    const failed = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(`${BASE}/`);
    assert.equal(response.status(), 200);
    const headers = response.headers();
    assert.match(headers['content-type'], /^text\/html/);
    const csp = headers['content-security-policy'];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(await page.title(), 'Analyze a log · Vigil');
    await page.locator('#key-state', { hasText: 'No key set' }).waitFor();
    assert.deepEqual(failed, []);
    assert.deepEqual(await cspViolations(), []);
});

test('without a key, the API answer (401 problem) is shown as a readable message', TIMEOUT, async () => {
    await page.locator('#format-hint', { hasText: 'Enter an API key' }).waitFor();
    await chooseFile('small.log', files.access.slice(0, 2000));
    await page.click('#analyze-button');
    const message = page.locator('#message[role="alert"]');
    await message.waitFor({ state: 'visible' });
    const shown = await message.innerText();
    assert.match(shown, /^Unauthorized \(HTTP 401\): An API key is required/);
    assert.match(shown, /Enter a valid API key/);
    assert.match(shown, /Request id: [0-9a-f-]{36}/);
});

test('without a key, the health page says why it shows nothing', TIMEOUT, async () => {
    await page.goto(`${BASE}/health.html`);
    await page.locator('#message[role="alert"]').waitFor({ state: 'visible' });
    assert.match(await text('#message'), /^Unauthorized \(HTTP 401\)/);
    assert.match(await text('#checks-message'), /^Unauthorized \(HTTP 401\)/);
    assert.equal(await text('#overall-status'), 'Unknown');
    assert.equal(await page.locator('#checks tbody tr').count(), 0);
    await page.goto(`${BASE}/`);
});

test('the key entered is kept in sessionStorage, survives a reload and is sent', TIMEOUT, async () => {
    await page.fill('#api-key', KEY);
    await page.press('#api-key', 'Enter');
    await page.locator('#key-state', { hasText: 'Key set for this tab' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('vigil.apiKey')), KEY);
    assert.equal(await page.inputValue('#api-key'), '', 'the field is cleared once the key is saved');
    await page.reload();
    await page.locator('#key-state', { hasText: 'Key set for this tab' }).waitFor();
    // The formats list needs the key: it is there once the key is sent.
    await page.locator('#format option[value="combined"]').waitFor({ state: 'attached' });
    const { body } = await api('/api/v1/logs/formats');
    const options = await page.$$eval('#format option', (list) => list.map((option) => option.value));
    assert.deepEqual(options, ['auto', ...body.formats.map((format) => format.name), ':custom']);
});

test('an access log uploads with a progress bar, then the charts and tables show what the API returns', TIMEOUT, async () => {
    const expected = (await api('/api/v1/logs/analyze?format=auto&top=5', { method: 'POST', body: files.access })).body;
    // Slow the upload down (2 MiB/s) so that the progress bar has something to show.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1,
                                                          uploadThroughput: 2 * 1024 * 1024 });
    await page.evaluate(() => {
        window.progressValues = [];
        const progress = document.getElementById('progress');
        new MutationObserver(() => window.progressValues.push(progress.value))
            .observe(progress, { attributes: true, attributeFilter: ['value'] });
    });
    await chooseFile('access.log', files.access);
    assert.equal(await text('#file-name'), `access.log, ${formatBytes(Buffer.byteLength(files.access))}`);
    const received = await analyzeInPage(5);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();

    assert.deepEqual(comparable(received), comparable(expected), 'the page got the analysis the API gives for the file');
    const durations = durationsOf(files.access);
    assert.equal(received.http.latencyMs.count, durations.length);
    assert.equal(received.http.latencyMs.max, Math.max(...durations));
    assertQuantilesRankClose(received.http.latencyMs, durations);
    const progress = await page.evaluate(() => window.progressValues);
    assert.ok(progress.some((value) => value > 0 && value < 100), `progress passed through values between 0 and 100: ${progress}`);
    assert.equal(progress.at(-1), 100);
    assert.equal(await page.locator('#message').isHidden(), true);

    await checkSummary(received);
    await checkTimeline(received);
    await checkStatusClasses(received.http);
    await checkLatency(received.http.latencyMs);
    await checkTopTables(received.http);
    await checkPathLatency(received.http, files.access);
    await checkMalformed(received);
    assert.equal(await page.locator('#levels-card').isHidden(), true, 'an access log has no levels');
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(pageErrors, []);
    await screenshot('analyze.png');
});

async function checkSummary(summary) {
    const stat = (key) => text(`#summary dd[data-stat="${key}"]`);
    assert.equal(await stat('format'), `${summary.format} (detected)`);
    assert.equal(await stat('lines-total'), formatCount(summary.lines.total));
    assert.equal(await stat('lines-parsed'), formatCount(summary.lines.parsed));
    assert.equal(await stat('lines-malformed'), formatCount(summary.lines.malformed));
    assert.equal(await stat('requests'), formatCount(summary.http.requests));
    assert.equal(await stat('unique-clients'), formatCount(summary.http.uniqueClients));
    assert.equal(await stat('bytes-sent'), formatBytes(summary.http.bytesSent));
    assert.equal(await stat('first'), formatInstant(summary.timeRange.first));
    assert.equal(await stat('last'), formatInstant(summary.timeRange.last));
}

async function checkTimeline(summary) {
    const { points } = summary.timeline;
    assert.ok(points.length > 10, `a timeline with several buckets (got ${points.length})`);
    const drawn = await page.$$eval('#timeline-chart .bucket', (groups) => groups.map((group) => ({
        t: group.dataset.t,
        count: Number(group.dataset.count),
        errors: Number(group.dataset.errors),
        height: Number(group.querySelector('.bar-records').getAttribute('height')),
        errorHeight: Number(group.querySelector('.bar-errors')?.getAttribute('height') ?? 0),
    })));
    assert.deepEqual(drawn.map(({ t, count, errors }) => ({ t, count, errors })), points);
    // Bar heights are proportional to the counts, on an axis whose top is the peak rounded up.
    const plotHeight = 260 - 10 - 32;
    const top = niceCeiling(Math.max(...points.map((point) => point.count)));
    for (const bar of drawn) {
        assert.ok(Math.abs(bar.height - (plotHeight * bar.count) / top) < 0.01, `bar height for ${bar.t}`);
        if (bar.errors > 0) {
            assert.ok(Math.abs(bar.errorHeight - Math.max(1, (plotHeight * bar.errors) / top)) < 0.01, `error bar for ${bar.t}`);
        }
    }
    assert.ok(points.some((point) => point.errors > 0), 'the generated log has 5xx answers');
    await page.click('#timeline-card summary');
    assert.deepEqual(await tableRows('#timeline-table'),
                     points.map((point) => [formatInstant(point.t), formatCount(point.count), formatCount(point.errors)]));
}

async function checkStatusClasses(http) {
    const rows = await page.$$eval('#status-chart g[data-label]', (groups) => groups.map((group) => ({
        label: group.dataset.label,
        value: group.querySelector('.chart-value').textContent,
        width: Number(group.querySelector('rect').getAttribute('width')),
    })));
    const classes = Object.entries(http.statusClasses);
    assert.deepEqual(rows.map((row) => row.label), classes.map(([name]) => name));
    assert.deepEqual(rows.map((row) => row.value),
                     classes.map(([, count]) => `${formatCount(count)} (${formatShare(count, http.requests)})`));
    const widest = rows.reduce((a, b) => (b.width > a.width ? b : a));
    assert.equal(widest.label, classes.reduce((a, b) => (b[1] > a[1] ? b : a))[0], 'the largest class has the longest bar');
    await page.click('#status-card summary');
    assert.deepEqual(await tableRows('#statuses-table'),
                     Object.entries(http.statuses).map(([code, count]) => [code, formatCount(count)]));
    assert.deepEqual(await tableRows('#methods-table'),
                     Object.entries(http.methods).map(([method, count]) => [method, formatCount(count)]));
}

async function checkLatency(latency) {
    assert.ok(latency && latency.count > 0, 'the generated log carries $request_time');
    const values = await page.$$eval('#latency-chart g[data-label]', (groups) => groups.map((group) => [
        group.dataset.label, group.querySelector('.chart-value').textContent]));
    assert.deepEqual(values, ['p50', 'p90', 'p99', 'max'].map((name) => [name, formatMillis(latency[name])]));
}

async function checkTopTables(http) {
    for (const [id, key] of [['top-paths', 'topPaths'], ['top-clients', 'topClients'], ['top-agents', 'topUserAgents']]) {
        const rows = await tableRows(`#${id}`);
        assert.equal(rows.length, 5, `${id}: top=5 rows`);
        assert.deepEqual(rows.map((row) => [row[1], row[2], row[3]]),
                         http[key].map((entry) => [entry.value, formatCount(entry.count), formatShare(entry.count, http.requests)]),
                         id);
    }
}

/** Per well-formed line of the generated log: its path (without query), status and $request_time in milliseconds. */
function requestsOf(log) {
    return log.split('\n').map((line) => line.match(/^\S+ - - \[.*\] "\S+ ([^ ?]+)\S* HTTP\/1\.1" (\d{3}) \d+ ".*" (\d+\.\d{3})$/))
        .filter(Boolean).map((match) => ({ path: match[1], status: Number(match[2]), ms: Math.round(Number(match[3]) * 1000) }));
}

async function checkPathLatency(http, log) {
    const requests = requestsOf(log);
    assert.equal(requests.length, http.requests, 'every request of the generated log is matched');
    assert.deepEqual(http.pathLatency.map((entry) => entry.path), http.topPaths.map((entry) => entry.value),
                     'one entry per top path, in the same order');
    for (const entry of http.pathLatency) {
        const mine = requests.filter((request) => request.path === entry.path);
        const errors = mine.filter((request) => request.status >= 500).length;
        assert.equal(entry.count, mine.length, `${entry.path}: count`);
        assert.equal(entry.errorPercent, Math.round((10_000 * errors) / mine.length) / 100, `${entry.path}: 5xx share`);
        assert.equal(entry.max, Math.max(...mine.map((request) => request.ms)), `${entry.path}: max`);
        const sorted = mine.map((request) => request.ms).sort((a, b) => a - b);
        for (const [name, q] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]]) {
            // HdrHistogram with 2 significant digits: the value at the quantile's rank, within 1%, never above max.
            const exact = sorted[Math.max(0, Math.ceil(q * sorted.length - 1e-9) - 1)];
            assert.ok(entry[name] >= exact && entry[name] <= exact * 1.01 + 0.001, `${entry.path}: ${name} ${entry[name]} vs ${exact}`);
        }
    }
    assert.equal(await page.locator('#path-latency-card').isHidden(), false);
    const header = await page.$$eval('#path-latency thead th', (cells) => cells.map((c) => c.innerText.trim()));
    assert.deepEqual(header, ['Path', 'Requests', 'Errors', 'p50', 'p90', 'p99', 'Max']);
    assert.deepEqual(await tableRows('#path-latency'), http.pathLatency.map((entry) => [
        entry.path, formatCount(entry.count), formatPercent(entry.errorPercent),
        ...['p50', 'p90', 'p99', 'max'].map((name) => formatLatency(entry[name]))]));
}

async function checkMalformed(summary) {
    assert.ok(summary.lines.malformed > 0, 'the generated log has malformed lines');
    assert.match(await text('#malformed-summary'), new RegExp(`^${formatCount(summary.lines.malformed)} malformed lines`));
    assert.deepEqual(await tableRows('#malformed-table'),
                     summary.malformedSamples.map((sample) => [formatCount(sample.line), sample.reason, sample.text]));
}

/** Does what narrows (or widens) the report, and returns the URL and answer of the analysis it started. */
async function reanalyzeBy(action) {
    const answer = page.waitForResponse((response) => response.url().includes('/api/v1/logs/analyze'), { timeout: 60_000 });
    await action();
    const response = await answer;
    await page.locator('#analyze-button:not([disabled])').waitFor();
    return { query: new URL(response.url()).searchParams, body: await response.json() };
}

async function chips() {
    return page.$$eval('#filter-chips button.chip', (buttons) => buttons.map((button) => button.textContent.trim()));
}

test('selecting a status, a path and a timeline bucket narrows the report, shown as removable chips', TIMEOUT, async () => {
    assert.deepEqual(await chips(), [], 'no filter at first');
    assert.equal(await text('#filters-effect'), 'No filter: every record is counted.');

    const byStatus = await reanalyzeBy(() => page.click('#status-narrow button[data-narrow="status"]:text-is("5xx")'));
    assert.deepEqual(byStatus.query.getAll('status'), ['5xx']);
    const expected = (await api('/api/v1/logs/analyze?format=auto&top=5&status=5xx', { method: 'POST', body: files.access })).body;
    assert.deepEqual(comparable(byStatus.body), comparable(expected), 'the page got what the API gives for status=5xx');
    assert.deepEqual(await chips(), ['status 5xx ×']);
    const { matched, excluded } = byStatus.body.filters;
    assert.equal(await text('#filters-effect'), `${formatCount(matched)} of ${formatCount(byStatus.body.lines.records)} `
                 + `records match; excluded by status: ${formatCount(excluded.status)}.`);
    assert.equal(await text('#summary dd[data-stat="requests"]'), formatCount(byStatus.body.http.requests));
    assert.ok(Object.keys(byStatus.body.http.statuses).every((code) => code.startsWith('5')), 'only 5xx counted');
    await checkTopTables(byStatus.body.http);

    const path = byStatus.body.http.topPaths[0].value;
    const byPath = await reanalyzeBy(() => page.click('#top-paths button[data-narrow="path"] >> nth=0'));
    assert.deepEqual(byPath.query.getAll('status'), ['5xx'], 'filters of different kinds add up');
    assert.equal(byPath.query.get('pathRegex'), `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    assert.deepEqual(await chips(), ['status 5xx ×', `path ${path} ×`]);
    assert.deepEqual(byPath.body.http.topPaths.map((entry) => entry.value), [path]);
    assert.equal(byPath.body.http.requests, byStatus.body.http.topPaths[0].count, 'the path\'s 5xx count, as listed before');

    const removed = await reanalyzeBy(() => page.click('#filter-chips button.chip[data-kind="status"]'));
    assert.deepEqual([...removed.query.keys()].filter((name) => name !== 'format' && name !== 'top'), ['pathRegex']);
    assert.deepEqual(await chips(), [`path ${path} ×`]);
    assert.ok(Object.keys(removed.body.http.statuses).some((code) => !code.startsWith('5')), 'every status again');

    const bucket = await page.$eval('#timeline-chart .bucket', (group) => group.dataset.t);
    const byTime = await reanalyzeBy(() => page.click('#timeline-chart .bucket >> nth=0'));
    const end = new Date(Date.parse(bucket) + removed.body.timeline.bucketSeconds * 1000).toISOString();
    assert.equal(byTime.query.get('from'), bucket);
    assert.equal(byTime.query.get('to'), end);
    assert.deepEqual(byTime.body.filters.applied, { from: bucket.replace('.000Z', 'Z'), to: end.replace('.000Z', 'Z'),
                                                    pathRegex: byPath.query.get('pathRegex') });
    assert.deepEqual(await chips(), [`path ${path} ×`, `time ${formatInstant(bucket)} to ${formatInstant(end)} ×`]);
    assert.ok(byTime.body.timeline.points.every((point) => Date.parse(point.t) >= Date.parse(bucket)
                                                           && Date.parse(point.t) < Date.parse(end)), 'the timeline stays within the bucket');
    assert.ok(byTime.body.filters.matched > 0 && byTime.body.filters.matched === byTime.body.http.requests);
    await screenshot('analyze-filtered.png');

    await reanalyzeBy(() => page.click('#filter-chips button.chip[data-kind="path"]'));
    const all = await reanalyzeBy(() => page.click('#filter-chips button.chip[data-kind="time"]'));
    assert.deepEqual(await chips(), []);
    assert.equal(all.body.filters, undefined);
    assert.deepEqual(comparable(all.body), comparable((await api('/api/v1/logs/analyze?format=auto&top=5',
                                                                  { method: 'POST', body: files.access })).body));
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(pageErrors, []);
});

test('a dropped application log shows its level counts and records over time', TIMEOUT, async () => {
    const expected = (await api('/api/v1/logs/analyze?format=auto&top=10', { method: 'POST', body: files.app })).body;
    const dataTransfer = await page.evaluateHandle((content) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], 'app.log', { type: 'text/plain' }));
        return transfer;
    }, files.app);
    await page.dispatchEvent('#drop-zone', 'dragover', { dataTransfer });
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
    assert.match(await text('#file-name'), /^app\.log, /);
    const received = await analyzeInPage(10);
    assert.deepEqual(comparable(received), comparable(expected));
    assert.equal(received.format, 'log4j');
    const levels = await page.$$eval('#levels-chart g[data-label]', (groups) => groups.map((group) => [
        group.dataset.label, Number(group.querySelector('.chart-value').dataset.value)]));
    assert.deepEqual(Object.fromEntries(levels), received.levels);
    assert.deepEqual(levels.map(([level]) => level), ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'], 'most severe first');
    assert.equal(await text('#timeline-title'), `Records over time, per ${formatSpan(received.timeline.bucketSeconds)}`);
    assert.equal(await page.locator('#timeline-chart .bucket').count(), received.timeline.points.length);
    assert.equal(await text('#summary dd[data-stat="lines-records"]'), formatCount(received.lines.records));
    for (const card of ['#status-card', '#latency-card', '#top-paths-card', '#path-latency-card', '#top-clients-card',
                        '#top-agents-card']) {
        assert.equal(await page.locator(card).isHidden(), true, `${card} is hidden for a log without HTTP data`);
    }
    assert.equal(await text('#malformed-summary'), 'No malformed lines.');
    await screenshot('analyze-application-log.png');
});

test('a custom nginx format typed in the format field reads a log the built-in formats cannot', TIMEOUT, async () => {
    const format = 'nginx:$msec|$host|$request|$status|$request_time';
    const log = Array.from({ length: 200 }, (_, i) => `${1764856800 + i}.${String(i % 1000).padStart(3, '0')}|`
        + `shop.example.com|${i % 3 === 0 ? 'POST' : 'GET'} /items/${i % 7} HTTP/1.1|${i % 10 === 0 ? 503 : 200}|`
        + `0.${String(10 + (i % 90)).padStart(3, '0')}`).join('\n') + '\n';
    const expected = (await api(`/api/v1/logs/analyze?format=${encodeURIComponent(format)}&top=10`,
                                { method: 'POST', body: log })).body;
    assert.equal(expected.lines.parsed, 200, 'the API reads every line with the custom format');

    const options = await page.$$eval('#format option', (list) => list.map((option) => option.value));
    const listed = (await api('/api/v1/logs/formats')).body.formats.map((entry) => entry.name);
    assert.deepEqual(options, ['auto', ...listed, ':custom'], 'the listed formats, then the custom field');
    assert.equal(await page.locator('#custom-format').isHidden(), true, 'the field shows only for a custom format');
    await page.selectOption('#format', ':custom');
    assert.equal(await page.locator('#custom-format').isVisible(), true);
    await page.fill('#custom-format', format);
    await chooseFile('edge.log', log);
    const answer = page.waitForResponse((response) => response.url().includes('/api/v1/logs/analyze'), { timeout: 60_000 });
    await page.click('#analyze-button');
    const response = await answer;
    assert.equal(new URL(response.url()).searchParams.get('format'), format, 'sent URL-encoded as the format parameter');
    const received = await response.json();
    await page.locator('#analyze-button:not([disabled])').waitFor();
    assert.deepEqual(comparable(received), comparable(expected));
    assert.equal(await text('#summary dd[data-stat="format"]'), `${format} (chosen)`);
    assert.equal(await text('#summary dd[data-stat="lines-parsed"]'), formatCount(200));
    assert.equal(await text('#summary dd[data-stat="requests"]'), formatCount(received.http.requests));

    // A format string with a fault: the 400 problem's detail, which names the position, is shown to the user.
    const bad = 'nginx:$remote_addr [$time_local] "$request" $status$body_bytes_sent';
    const problem = (await api(`/api/v1/logs/analyze?format=${encodeURIComponent(bad)}`, { method: 'POST', body: log })).body;
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /position 46/);
    await page.fill('#custom-format', bad);
    const refused = page.waitForResponse((response) => response.url().includes('/api/v1/logs/analyze'), { timeout: 60_000 });
    await page.click('#analyze-button');
    assert.equal((await refused).status(), 400);
    await page.locator('#message[role="alert"]').waitFor();
    const shown = await text('#message');
    assert.ok(shown.includes(problem.detail), `the message shows the problem's detail: ${shown}`);
    assert.equal(await page.getAttribute('#custom-format', 'aria-invalid'), 'true');

    await page.locator('#analyze-button:not([disabled])').waitFor();
    await page.fill('#custom-format', '');
    await page.click('#analyze-button');
    assert.match(await text('#message'), /^Type a custom format/);
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(pageErrors, []);
    await screenshot('analyze-custom-format.png');
    await page.selectOption('#format', 'auto');
    assert.equal(await page.locator('#custom-format').isHidden(), true);
});

test('keyboard: every control has a label, Tab reaches them in order, focus is visible', TIMEOUT, async () => {
    const unlabelled = await page.$$eval('input, select, button, textarea', (controls) => controls
        .filter((control) => !control.hidden && control.type !== 'hidden')
        .filter((control) => !(control.labels?.length || control.getAttribute('aria-label') || control.textContent.trim()))
        .map((control) => control.outerHTML));
    assert.deepEqual(unlabelled, []);
    await page.evaluate(() => {
        document.activeElement?.blur();
        window.scrollTo(0, 0);
    });
    await page.goto(`${BASE}/`);
    const order = [];
    while (order.length < 20 && order.at(-1)?.id !== 'analyze-button') {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return { id: element === document.body ? 'body' : element.id || element.textContent.trim(),
                     outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
        }));
    }
    const ids = order.map((entry) => entry.id);
    assert.equal(ids[0], 'Skip to content');
    for (const id of ['Analyze', 'Health', 'api-key', 'file', 'format', 'top', 'analyze-button']) {
        assert.ok(ids.includes(id), `Tab reaches ${id}: ${ids.join(', ')}`);
    }
    assert.ok(ids.indexOf('file') < ids.indexOf('format') && ids.indexOf('top') < ids.indexOf('analyze-button'), ids.join(', '));
    assert.deepEqual(order.filter((entry) => !entry.outline).map((entry) => entry.id), [], 'focused controls show an outline');
});

async function lowContrast() {
    return page.evaluate(() => {
        const rgb = (value) => (value.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number);
        const luminance = ([r, g, b]) => {
            const channel = (v) => ((v / 255) <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        const background = (element) => {
            for (let node = element; node; node = node.parentElement) {
                const color = rgb(getComputedStyle(node).backgroundColor);
                if (color.length < 4 || color[3] > 0) {
                    return color;
                }
            }
            return [255, 255, 255];
        };
        const found = [];
        for (const element of document.querySelectorAll('body *')) {
            const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
            const box = element.getBoundingClientRect();
            if (!ownText || box.width === 0 || element.closest('[hidden], option, .visually-hidden, :disabled')) {
                continue;
            }
            const style = getComputedStyle(element);
            const isSvg = element instanceof SVGElement;
            const foreground = rgb(isSvg ? style.fill : style.color);
            const back = background(isSvg ? element.closest('svg').parentElement : element);
            const [light, dark] = [luminance(foreground), luminance(back)].sort((a, b) => b - a);
            const ratio = (light + 0.05) / (dark + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            if (ratio < (large ? 3 : 4.5)) {
                found.push(`${element.tagName.toLowerCase()}.${element.className.baseVal ?? element.className} "${element.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
            }
        }
        return found;
    });
}

test('text contrast is at least 4.5:1 (3:1 for large text) on the analyze page', TIMEOUT, async () => {
    await page.goto(`${BASE}/`);
    await chooseFile('access.log', files.access);
    await analyzeInPage(5);
    assert.deepEqual(await lowContrast(), []);
});

test('narrow screens: no horizontal scrolling, the analysis still readable', TIMEOUT, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    const chartWidth = await page.$eval('#timeline-chart svg', (chart) => Number(chart.getAttribute('width')));
    assert.ok(chartWidth <= 390, `the timeline is redrawn for the narrow screen (${chartWidth}px)`);
    await screenshot('analyze-narrow.png');
    await page.setViewportSize({ width: 1280, height: 900 });
});

/** The traffic window as the API has it, once `done` holds for it. */
async function trafficUntil(done) {
    const deadline = Date.now() + 20_000;
    let body;
    do {
        body = (await api('/api/v1/traffic')).body;
        if (done(body)) {
            return body;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
    assert.fail(`the traffic window never showed the traffic: ${JSON.stringify(body).slice(0, 500)}`);
}

const routeOf = (body, name) => body.routes.find((route) => route.route === name);

/** Refreshes the traffic page and returns the answer it got. */
async function refreshTrafficPage() {
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/traffic');
    await page.click('#refresh');
    const body = await (await answer).json();
    await page.waitForFunction(() => document.getElementById('updated').textContent.startsWith('Updated'));
    return body;
}

function trafficFigures(traffic) {
    return [formatRate(traffic.requestsPerSecond), formatPercent(traffic.errorPercent), formatLatency(traffic.p50Ms),
            formatLatency(traffic.p99Ms), formatCount(traffic.requests)];
}

async function checkTrafficPage(body) {
    assert.deepEqual(await tableRows('#routes'), body.routes.map((route) => [
        routeLabel(route.route), route.upstream ?? 'gateway', ...trafficFigures(route.summary)]));
    const busy = body.routes.filter((route) => route.points.some((point) => point.requests > 0));
    assert.deepEqual(await page.$$eval('#route-charts section', (cards) => cards.map((card) => card.dataset.route)),
                     busy.map((route) => route.route), 'a card of charts per route with requests in the window');
    for (const route of busy) {
        const card = page.locator(`#route-charts section[data-route="${route.route}"]`);
        const bars = await card.locator('.requests-chart .bucket').evaluateAll((groups) => groups.map((group) => [
            Number(group.dataset.count), Number(group.dataset.errors)]));
        assert.deepEqual(bars, route.points.map((point) => [point.requests, point.errors]), `${route.route}: bars`);
        const dots = await card.locator('.latency-chart .latency-point').evaluateAll((groups) => groups.map((group) => [
            group.dataset.t, Number(group.dataset.p50), Number(group.dataset.p99)]));
        assert.deepEqual(dots, route.points.filter((point) => point.p99Ms !== null)
            .map((point) => [point.t, point.p50Ms, point.p99Ms]), `${route.route}: latency points`);
        assert.deepEqual(await card.locator('.points-table tbody tr').evaluateAll((rows) => rows.map((row) =>
            [...row.cells].map((c) => c.textContent.trim()))),
                         [...route.points].reverse().map((point) => [formatInstant(point.t), ...trafficFigures(point)]),
                         `${route.route}: the numbers, newest first`);
    }
}

test('the traffic page shows each route\'s requests/s, error % and latency as the API reports them', TIMEOUT, async () => {
    // Known traffic: 6 requests on paths no route has (404 problems, not errors) and 10 formats lists.
    for (let i = 0; i < 6; i++) {
        assert.equal((await fetch(`${BASE}/api/v1/no-such-route/${i}`, { headers: { 'X-API-Key': KEY } })).status, 404);
    }
    for (let i = 0; i < 10; i++) {
        assert.equal((await api('/api/v1/logs/formats')).status, 200);
    }
    const seen = await trafficUntil((body) => routeOf(body, '(none)').summary.requests === 6);
    assert.ok(routeOf(seen, '/api/v1/logs').summary.requests >= 10);

    await page.goto(`${BASE}/traffic.html`);
    await page.selectOption('#interval', '0');
    await page.locator('#routes tbody tr').first().waitFor();
    const body = await refreshTrafficPage();
    const unmatched = routeOf(body, '(none)').summary;
    assert.deepEqual([unmatched.requests, unmatched.errors, unmatched.errorPercent], [6, 0, 0], 'the known traffic');
    assert.ok(unmatched.p50Ms > 0 && unmatched.p50Ms <= unmatched.p99Ms, JSON.stringify(unmatched));
    assert.equal(routeOf(body, '/api/v1/logs').upstream, 'logparse');
    await checkTrafficPage(body);
    assert.match(await text('#updated'), /^Updated at .*, one point every 1 second over the last 2 minutes$/);

    const unlabelled = await page.$$eval('input, select, button', (controls) => controls
        .filter((control) => !(control.labels?.length || control.getAttribute('aria-label') || control.textContent.trim()))
        .map((control) => control.outerHTML));
    assert.deepEqual(unlabelled, []);
    assert.deepEqual(await lowContrast(), []);
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(pageErrors, []);
    await screenshot('traffic.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling');
    const chartWidth = await page.$eval('#route-charts .latency-chart svg', (chart) => Number(chart.getAttribute('width')));
    assert.ok(chartWidth <= 390, `the charts are redrawn for the narrow screen (${chartWidth}px)`);
    await screenshot('traffic-narrow.png');
    await page.setViewportSize({ width: 1280, height: 900 });
});


async function refreshHealthPage() {
    const answers = new Map();
    const collect = async (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/api/v1/health')) {
            answers.set(url.pathname, { status: response.status(), body: await response.json() });
        }
    };
    page.on('response', collect);
    const done = page.waitForResponse((response) => response.url().endsWith('/api/v1/health/checks/heap'));
    await page.click('#refresh');
    await done;
    await page.waitForFunction(() => document.getElementById('updated').textContent.startsWith('Updated'));
    await page.waitForTimeout(300);
    page.off('response', collect);
    return answers;
}

test('the health page shows the overall status and each check with status, latency and uptime from its history', TIMEOUT, async () => {
    await page.goto(`${BASE}/health.html`);
    await page.selectOption('#interval', '0');
    await page.locator('#checks tbody tr').first().waitFor();
    const answers = await refreshHealthPage();
    const platform = answers.get('/api/v1/health').body;
    assert.equal(await text('#overall-status'), statusLabel(platform.status));
    assert.notEqual(platform.status, 'fail', 'the whole stack is up');

    const readiness = Object.entries(platform.checks).filter(([key]) => key.endsWith(':readiness'));
    assert.ok(readiness.length >= 2, 'the gateway probes logparse and health');
    for (const [key, [entry]] of readiness) {
        const row = page.locator(`#upstreams tr[data-component="${entry.componentId}"]`);
        assert.equal((await row.locator('td').nth(1).innerText()).trim(), formatObserved(entry), key);
        assert.equal((await row.locator('td').nth(2).innerText()).trim(),
                     String(platform.checks[`${entry.componentId}:circuitBreaker`][0].observedValue));
    }

    const report = answers.get('/api/v1/health/checks').body;
    const names = Object.keys(report.checks).map((key) => key.split(':')[0]);
    assert.deepEqual(await page.$$eval('#checks tbody tr', (rows) => rows.map((row) => row.dataset.check)), names);
    for (const name of names) {
        const detail = answers.get(`/api/v1/health/checks/${name}`).body;
        const latest = Object.values(detail.checks)[0][0];
        const row = page.locator(`#checks tr[data-check="${name}"]`);
        assert.equal((await row.locator('.badge').innerText()).trim(), statusLabel(latest.status), name);
        assert.equal((await row.locator('td').nth(1).innerText()).trim(), formatObserved(latest), name);
        assert.equal((await row.locator('.uptime-text').innerText()).trim(), formatUptime(detail.uptime), name);
        const segments = await row.locator('.uptime-bar rect').evaluateAll((rects) => rects.map((rect) => rect.dataset.status));
        assert.deepEqual(segments, detail.history.map((entry) => entry.status).reverse(), `${name}: history, oldest first`);
    }
    assert.ok(names.includes('logparse') && names.includes('disk'), names.join(', '));
    assert.deepEqual(await lowContrast(), []);
    assert.deepEqual(await cspViolations(), []);
    await screenshot('health.png');
});

test('the health page shows a stopped logparse-service as failing, by itself', TIMEOUT, async () => {
    assert.ok(RUN_DIR, 'DASHBOARD_RUN_DIR names the stack\'s run directory');
    await page.selectOption('#interval', '2');
    const pid = Number(readFileSync(path.join(RUN_DIR, 'logparse-service.pid'), 'utf8').trim());
    process.kill(pid, 'SIGTERM');
    await page.locator('#overall-status[data-status="fail"]').waitFor({ timeout: 30_000 });
    await page.locator('#upstreams tr[data-component="logparse"][data-status="fail"]').waitFor({ timeout: 30_000 });
    await page.locator('#checks tr[data-check="logparse"][data-status="fail"] .segment-fail').first().waitFor({ timeout: 30_000 });
    assert.equal(await text('#overall-status'), 'Fail');
    assert.match(await text('#problems'), /logparse/);
    assert.equal(await page.locator('#checks tr[data-check="disk"][data-status="fail"]').count(), 0, 'other checks unaffected');
    await screenshot('health-logparse-stopped.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling');
    await screenshot('health-narrow.png');
    await page.setViewportSize({ width: 1280, height: 900 });
});

test('an upload while logparse-service is down shows the gateway\'s 502 problem', TIMEOUT, async () => {
    await page.goto(`${BASE}/`);
    await chooseFile('small.log', files.access.slice(0, 2000));
    await page.click('#analyze-button');
    const message = page.locator('#message[role="alert"]');
    await message.waitFor({ state: 'visible' });
    assert.match(await message.innerText(), /\(HTTP 50[234]\).*logparse/s);
    assert.deepEqual(pageErrors, []);
});

test('the traffic page counts the gateway\'s 502s while logparse-service is down as errors of its route', TIMEOUT, async () => {
    const before = routeOf((await api('/api/v1/traffic')).body, '/api/v1/logs').summary.errors;
    for (let i = 0; i < 3; i++) {
        const { status } = await api('/api/v1/logs/analyze', { method: 'POST', body: 'a line\n' });
        assert.ok([502, 503].includes(status), `an upload while logparse is down: ${status}`);
    }
    await trafficUntil((body) => routeOf(body, '/api/v1/logs').summary.errors >= before + 3);
    await page.goto(`${BASE}/traffic.html`);
    await page.selectOption('#interval', '0');
    await page.locator('#routes tbody tr').first().waitFor();
    const body = await refreshTrafficPage();
    const logs = routeOf(body, '/api/v1/logs').summary;
    assert.ok(logs.errors >= 3 && logs.errorPercent > 0, JSON.stringify(logs));
    await checkTrafficPage(body);
    assert.ok(await page.locator('#route-charts section[data-route="/api/v1/logs"] .bar-errors').count() > 0,
              'error bars are drawn');
    assert.deepEqual(pageErrors, []);
    await screenshot('traffic-errors.png');
});
