// The Analyze page: pick or drop a log, upload it to POST /api/v1/logs/analyze with a progress bar, then show the
// summary document as figures, charts and tables. Selecting a path, client, status or time bucket in the report
// narrows it: the same file is analysed again with that filter, and the active filters show as removable chips.
import { getJson, setUpKeyForm, showMessage, upload } from './api.js';
import { barChart, timelineChart } from './charts.js';
import {
    formatBytes, formatCount, formatDecimal, formatInstant, formatLatency, formatMillis, formatPercent, formatShare, formatSpan,
} from './format.js';

const $ = (id) => document.getElementById(id);
const LEVEL_ORDER = ['FATAL', 'CRITICAL', 'ERROR', 'WARN', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'TRACE'];
const LEVEL_CLASS = { FATAL: 'level-error', CRITICAL: 'level-error', ERROR: 'level-error', WARN: 'level-warn', WARNING: 'level-warn' };

let shown = null;
let pending = null;
let formats = [];
// Active filters, one per kind (path, client, status, time): {kind, label, params: [[name, value], ...]}.
let filters = [];
// The select's value for "type a format" (no format name holds a colon); the string typed is sent as the format.
const CUSTOM = ':custom';

function chosenFile() {
    return $('file').files[0] ?? null;
}

function showFileName() {
    filters = [];
    const file = chosenFile();
    $('file-name').textContent = file ? `${file.name}, ${formatBytes(file.size)}` : 'No file chosen';
}

function announce(text) {
    $('announce').textContent = text;
}

async function loadFormats() {
    const select = $('format');
    const hint = $('format-hint');
    try {
        const { body } = await getJson('/api/v1/logs/formats');
        formats = body.formats ?? [];
        const chosen = select.value;
        select.replaceChildren(new Option('Detect automatically', 'auto'));
        for (const format of formats) {
            select.append(new Option(format.name, format.name));
        }
        select.append(new Option('Custom format …', CUSTOM));
        select.value = chosen === CUSTOM || formats.some((format) => format.name === chosen) ? chosen : 'auto';
        describeFormat();
    } catch (error) {
        hint.textContent = error.status === 401
            ? 'Enter an API key to list the formats; automatic detection works without the list.'
            : `The formats could not be listed (${error.message}); automatic detection still works.`;
    }
}

function describeFormat() {
    const chosen = $('format').value;
    const format = formats.find((candidate) => candidate.name === chosen);
    $('format-hint').textContent = format ? format.description
        : chosen === CUSTOM ? 'Lines are read in the layout typed below.' : 'The format is detected from the first lines.';
    $('custom-format-field').hidden = chosen !== CUSTOM;
}

/** The format parameter: a listed name, or the custom format string (null when custom is chosen but empty). */
function chosenFormat() {
    if ($('format').value !== CUSTOM) {
        return $('format').value;
    }
    const custom = $('custom-format').value.trim();
    $('custom-format').setAttribute('aria-invalid', String(custom === ''));
    return custom === '' ? null : custom;
}

function setUpDropZone() {
    const zone = $('drop-zone');
    const leave = () => zone.classList.remove('dragging');
    zone.addEventListener('dragover', (event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', leave);
    zone.addEventListener('drop', (event) => {
        event.preventDefault();
        leave();
        if (event.dataTransfer.files.length > 0) {
            $('file').files = event.dataTransfer.files;
            showFileName();
            $('file').focus();
        }
    });
    // A file dropped beside the zone must not make the browser leave the page to open it.
    window.addEventListener('dragover', (event) => event.preventDefault());
    window.addEventListener('drop', (event) => event.preventDefault());
}

function validTop() {
    const input = $('top');
    const top = Number(input.value);
    const valid = input.value.trim() !== '' && Number.isInteger(top) && top >= 1 && top <= 1000;
    input.setAttribute('aria-invalid', String(!valid));
    return valid ? top : null;
}

function setBusy(busy) {
    $('analyze-button').disabled = busy;
    $('cancel-button').hidden = !busy;
    $('analyze-form').setAttribute('aria-busy', String(busy));
}

function onProgress(loaded, total) {
    const percent = Math.floor((100 * loaded) / total);
    $('progress').value = percent;
    $('progress-text').textContent = `Uploading: ${formatBytes(loaded)} of ${formatBytes(total)} (${percent}%)`;
}

function onUploaded() {
    $('progress').value = 100;
    $('progress-text').textContent = 'Uploaded; analysing …';
    announce('Upload complete; analysing.');
}

function analyze(event) {
    event.preventDefault();
    runAnalysis();
}

/** Uploads the chosen file with the form's settings and the active filters, and shows the result. */
async function runAnalysis() {
    if (pending) {
        return;
    }
    const file = chosenFile();
    const message = $('message');
    if (!file) {
        showMessage(message, 'Choose a log file first (or drop one on the upload area).');
        $('file').focus();
        return;
    }
    const top = validTop();
    if (top === null) {
        showMessage(message, 'Entries per top list must be a whole number from 1 to 1000.');
        $('top').focus();
        return;
    }
    const format = chosenFormat();
    if (format === null) {
        showMessage(message, 'Type a custom format (nginx:<log_format> or apache:<LogFormat>), or choose one from the list.');
        $('custom-format').focus();
        return;
    }
    showMessage(message, '');
    $('progress-area').hidden = false;
    $('progress').value = 0;
    $('progress-text').textContent = `Uploading ${file.name} …`;
    announce(`Uploading ${file.name}.`);
    setBusy(true);
    const params = new URLSearchParams({ format, top: String(top) });
    for (const filter of filters) {
        filter.params.forEach(([name, value]) => params.append(name, value));
    }
    pending = upload(`/api/v1/logs/analyze?${params}`, file, onProgress, onUploaded);
    try {
        const summary = await pending.done;
        $('progress-text').textContent = `Analysed ${formatCount(summary.lines.total)} lines in ${formatCount(summary.elapsedMs)} ms.`;
        render(summary, file.name);
        announce(`Analysis complete: ${formatCount(summary.lines.total)} lines.`);
        $('results-title').focus();
    } catch (error) {
        const cancelled = error.name === 'AbortError';
        if (error.status === 400 && $('format').value === CUSTOM) {
            // the problem's detail names the position of the fault in the string
            $('custom-format').setAttribute('aria-invalid', 'true');
        }
        $('progress-text').textContent = cancelled ? 'Cancelled.' : 'Failed.';
        showMessage(message, cancelled ? 'The upload was cancelled.' : error.message, cancelled ? 'info' : 'error', error.requestId);
    } finally {
        pending = null;
        setBusy(false);
    }
}

/** Narrows the report: replaces the filter of the same kind (another of a kind would widen it) and analyses again. */
function narrow(kind, label, params) {
    if (pending) {
        return;
    }
    filters = [...filters.filter((filter) => filter.kind !== kind), { kind, label, params }];
    runAnalysis();
}

function removeFilter(kind) {
    if (pending) {
        return;
    }
    filters = filters.filter((filter) => filter.kind !== kind);
    runAnalysis();
}

/** A button that narrows the report to one value; its text is the value, as the report shows it. */
function narrowButton(text, description, kind, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = text;
    button.setAttribute('aria-label', `Narrow the report to ${description}`);
    button.dataset.narrow = kind;
    button.addEventListener('click', onClick);
    return button;
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A top path is matched exactly (the path filter is a prefix: /a would also keep /about).
const narrowToPath = (path) => narrowButton(path, `path ${path}`, 'path',
                                            () => narrow('path', `path ${path}`, [['pathRegex', `^${escapeRegex(path)}$`]]));
const narrowToClient = (client) => narrowButton(client, `client ${client}`, 'client',
                                                () => narrow('client', `client ${client}`, [['client', client]]));
const narrowToStatus = (status) => narrowButton(status, `status ${status}`, 'status',
                                                () => narrow('status', `status ${status}`, [['status', status]]));

function narrowToBucket(t) {
    const end = new Date(Date.parse(t) + shown.timeline.bucketSeconds * 1000).toISOString();
    narrow('time', `time ${formatInstant(t)} to ${formatInstant(end)}`, [['from', t], ['to', end]]);
}

function renderFilters(summary) {
    $('filter-chips').replaceChildren(...filters.map((filter) => {
        const item = document.createElement('li');
        const chip = document.createElement('button');
        chip.type = 'button';
        chip.className = 'chip';
        chip.dataset.kind = filter.kind;
        chip.textContent = `${filter.label} ×`;
        chip.setAttribute('aria-label', `Remove the filter ${filter.label}`);
        chip.addEventListener('click', () => removeFilter(filter.kind));
        item.append(chip);
        return item;
    }));
    const effect = summary.filters;
    $('filters-effect').textContent = effect
        ? `${formatCount(effect.matched)} of ${formatCount(summary.lines.records)} records match; excluded by `
            + Object.entries(effect.excluded).map(([name, count]) => `${name}: ${formatCount(count)}`).join(', ') + '.'
        : 'No filter: every record is counted.';
}

function statRow(label, value, key) {
    const row = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = label;
    const description = document.createElement('dd');
    description.textContent = value;
    description.dataset.stat = key;
    row.append(term, description);
    return row;
}

function renderSummary(summary) {
    const { lines, http } = summary;
    const rows = [
        ['Format', `${summary.format} (${summary.detected ? 'detected' : 'chosen'})`, 'format'],
        ['Lines', formatCount(lines.total), 'lines-total'],
        ['Parsed', formatCount(lines.parsed), 'lines-parsed'],
        ['Malformed', formatCount(lines.malformed), 'lines-malformed'],
        ['Empty', formatCount(lines.empty), 'lines-empty'],
        ['Size', formatBytes(summary.bytes), 'bytes'],
    ];
    if (lines.records !== undefined && lines.records !== lines.parsed) {
        rows.push(['Records', formatCount(lines.records), 'lines-records']);
    }
    if (http) {
        rows.push(['Requests', formatCount(http.requests), 'requests'],
                  ['Unique clients', formatCount(http.uniqueClients), 'unique-clients'],
                  ['Bytes sent', formatBytes(http.bytesSent), 'bytes-sent']);
    }
    if (summary.timeRange) {
        rows.push(['First record', formatInstant(summary.timeRange.first), 'first'],
                  ['Last record', formatInstant(summary.timeRange.last), 'last']);
    }
    rows.push(['Analysed in', `${formatCount(summary.elapsedMs)} ms`, 'elapsed']);
    $('summary').replaceChildren(...rows.map(([label, value, key]) => statRow(label, value, key)));
    const exactness = $('exactness');
    exactness.hidden = summary.exact !== false;
    if (summary.exact === false) {
        const bounds = Object.entries(summary.errorBounds ?? {})
            .map(([name, bound]) => (name.endsWith('RelativeError')
                ? `${name.replace('RelativeError', '')} ±${formatDecimal(bound * 100)}%`
                : `${name.replace('MaxCountError', '')} counts ±${formatCount(bound)}`));
        exactness.textContent = `Some figures are estimates (too many distinct values to count exactly): ${bounds.join('; ')}.`;
    }
}

function cell(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) {
        element.className = className;
    }
    return element;
}

function fillRows(tbody, rows) {
    tbody.replaceChildren(...rows.map((values) => {
        const row = document.createElement('tr');
        values.forEach((value, index) => row.append(cell(index === 0 ? 'th' : 'td', value, index > 0 && typeof value === 'string'
            && /^[\d,.]+$/.test(value) ? 'num' : undefined)));
        row.firstChild.setAttribute('scope', 'row');
        return row;
    }));
}

function renderTimeline(summary) {
    const card = $('timeline-card');
    const points = summary.timeline?.points ?? [];
    card.hidden = points.length === 0;
    if (card.hidden) {
        return;
    }
    const noun = summary.http ? 'Requests' : 'Records';
    $('timeline-title').textContent = `${noun} over time, per ${formatSpan(summary.timeline.bucketSeconds)}`;
    $('timeline-noun').textContent = noun;
    timelineChart($('timeline-chart'), summary.timeline, noun);
    fillRows($('timeline-table').tBodies[0],
             points.map((point) => [formatInstant(point.t), formatCount(point.count), formatCount(point.errors)]));
    [...$('timeline-table').tBodies[0].rows].forEach((row, index) => {
        const start = row.cells[0].textContent;
        row.cells[0].replaceChildren(narrowButton(start, `the bucket from ${start}`, 'time',
                                                  () => narrowToBucket(points[index].t)));
    });
}

function renderStatus(http) {
    const card = $('status-card');
    card.hidden = !http?.statusClasses;
    if (card.hidden) {
        return;
    }
    const rows = Object.entries(http.statusClasses).map(([name, count]) => ({
        label: name, value: count, valueText: `${formatCount(count)} (${formatShare(count, http.requests)})`,
        className: `status-${name}`,
    }));
    barChart($('status-chart'), rows, { label: 'Requests by status class' });
    const classes = Object.entries(http.statusClasses).filter(([name, count]) => count > 0 && /^[1-5]xx$/.test(name));
    $('status-narrow').replaceChildren(...(classes.length > 1 ? [cell('span', 'Narrow to:', 'hint')] : []),
                                       ...(classes.length > 1 ? classes.map(([name]) => narrowToStatus(name)) : []));
    fillRows($('statuses-table').tBodies[0], Object.entries(http.statuses ?? {}).map(([code, n]) => [code, formatCount(n)]));
    for (const code of $('statuses-table').tBodies[0].querySelectorAll('th')) {
        code.replaceChildren(narrowToStatus(code.textContent));
    }
    fillRows($('methods-table').tBodies[0], Object.entries(http.methods ?? {}).map(([method, n]) => [method, formatCount(n)]));
}

function renderLatency(http) {
    const latency = http?.latencyMs;
    const card = $('latency-card');
    card.hidden = !latency || latency.count === 0;
    if (card.hidden) {
        return;
    }
    const rows = ['p50', 'p90', 'p99', 'max'].map((name) => ({
        label: name, value: latency[name], valueText: formatMillis(latency[name]), className: 'bar-latency',
    }));
    barChart($('latency-chart'), rows, { label: 'Response time quantiles in milliseconds', labelWidth: 48 });
    $('latency-note').textContent = `From the ${formatCount(latency.count)} requests that carry a duration.`;
}

function levelRank(level) {
    const index = LEVEL_ORDER.indexOf(level.toUpperCase());
    return index < 0 ? LEVEL_ORDER.length : index;
}

function renderLevels(summary) {
    const levels = Object.entries(summary.levels ?? {});
    const card = $('levels-card');
    card.hidden = levels.length === 0;
    if (card.hidden) {
        return;
    }
    levels.sort(([a], [b]) => levelRank(a) - levelRank(b) || a.localeCompare(b));
    const total = levels.reduce((sum, [, count]) => sum + count, 0);
    const rows = levels.map(([level, count]) => ({
        label: level, value: count, valueText: `${formatCount(count)} (${formatShare(count, total)})`,
        className: LEVEL_CLASS[level.toUpperCase()] ?? 'level-other',
    }));
    barChart($('levels-chart'), rows, { label: 'Records by level', labelWidth: 80 });
}

function topTable(table, entries, column, total, narrowTo) {
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    ['#', column, 'Requests', 'Share'].forEach((name, index) => {
        headRow.append(cell('th', name, index === 2 ? 'num' : undefined));
        headRow.lastChild.setAttribute('scope', 'col');
    });
    head.append(headRow);
    const body = document.createElement('tbody');
    entries.forEach((entry, index) => {
        const row = document.createElement('tr');
        const value = cell('th', narrowTo ? '' : entry.value, 'value');
        if (narrowTo) {
            value.append(narrowTo(entry.value));
        }
        row.append(cell('td', String(index + 1), 'rank'), value, cell('td', formatCount(entry.count), 'num'));
        row.children[1].setAttribute('scope', 'row');
        const share = document.createElement('td');
        share.className = 'share';
        const track = document.createElement('span');
        track.className = 'share-track';
        track.setAttribute('aria-hidden', 'true');
        const bar = document.createElement('span');
        bar.className = 'share-bar';
        // CSSOM, not a style attribute: the Content-Security-Policy allows this.
        bar.style.width = `${total ? Math.min(100, (100 * entry.count) / total) : 0}%`;
        track.append(bar);
        share.append(track, cell('span', formatShare(entry.count, total), 'share-text'));
        row.append(share);
        body.append(row);
    });
    if (entries.length === 0) {
        const row = document.createElement('tr');
        const empty = cell('td', 'None in this log.');
        empty.colSpan = 4;
        row.append(empty);
        body.append(row);
    }
    table.replaceChildren(head, body);
}

function renderTops(http) {
    const lists = [['top-paths', 'topPaths', 'Path', narrowToPath], ['top-clients', 'topClients', 'Client', narrowToClient],
                   ['top-agents', 'topUserAgents', 'User agent']];
    for (const [id, key, column, narrowTo] of lists) {
        $(`${id}-card`).hidden = !http;
        if (http) {
            topTable($(id), http[key] ?? [], column, http.requests, narrowTo);
        }
    }
}

// Requests, error share and quantiles of the top paths (http.pathLatency); "—" where no request of a path had a duration.
function renderPathLatency(http) {
    const paths = http?.pathLatency ?? [];
    const card = $('path-latency-card');
    card.hidden = paths.length === 0;
    if (card.hidden) {
        return;
    }
    const columns = ['Path', 'Requests', 'Errors', 'p50', 'p90', 'p99', 'Max'];
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    columns.forEach((name, index) => {
        headRow.append(cell('th', name, index > 0 ? 'num' : undefined));
        headRow.lastChild.setAttribute('scope', 'col');
    });
    head.append(headRow);
    const body = document.createElement('tbody');
    for (const path of paths) {
        const row = document.createElement('tr');
        row.append(cell('th', path.path, 'value'), cell('td', formatCount(path.count), 'num'),
                   cell('td', formatPercent(path.errorPercent), 'num'));
        for (const name of ['p50', 'p90', 'p99', 'max']) {
            row.append(cell('td', formatLatency(path[name]), 'num'));
        }
        row.firstChild.setAttribute('scope', 'row');
        body.append(row);
    }
    $('path-latency').replaceChildren(head, body);
    $('path-latency-note').textContent = paths.some((path) => path.p50 === undefined)
        ? 'Errors are 5xx answers. Quantiles come from the requests that carry a duration; "—" where none did.'
        : 'Errors are 5xx answers. Quantiles come from the requests that carry a duration.';
}

function renderMalformed(summary) {
    const samples = summary.malformedSamples ?? [];
    const count = summary.lines.malformed;
    $('malformed-summary').textContent = count === 0
        ? 'No malformed lines.'
        : `${formatCount(count)} malformed ${count === 1 ? 'line' : 'lines'}; ${samples.length === count ? 'all' : `the first ${samples.length}`} shown.`;
    $('malformed-table').hidden = samples.length === 0;
    fillRows($('malformed-table').tBodies[0], samples.map((sample) => [formatCount(sample.line), sample.reason, sample.text]));
}

function renderCharts() {
    if (!shown) {
        return;
    }
    renderTimeline(shown);
    renderStatus(shown.http);
    renderLatency(shown.http);
    renderLevels(shown);
}

function render(summary, fileName) {
    shown = summary;
    $('results').hidden = false;
    $('results-file').textContent = `for ${fileName}`;
    renderFilters(summary);
    renderSummary(summary);
    renderCharts();
    renderTops(summary.http);
    renderPathLatency(summary.http);
    renderMalformed(summary);
}

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
        frame = requestAnimationFrame(renderCharts);
    }).observe($('results'));
}

setUpKeyForm(loadFormats);
setUpDropZone();
$('file').addEventListener('change', showFileName);
$('format').addEventListener('change', describeFormat);
$('custom-format').addEventListener('input', () => $('custom-format').removeAttribute('aria-invalid'));
$('top').addEventListener('input', validTop);
$('analyze-form').addEventListener('submit', analyze);
$('cancel-button').addEventListener('click', () => pending?.abort());
// A bucket of the timeline chart (an SVG group drawn by charts.js) narrows the report to its time span.
$('timeline-chart').addEventListener('click', (event) => {
    const bucket = event.target.closest?.('.bucket');
    if (bucket) {
        narrowToBucket(bucket.dataset.t);
    }
});
redrawOnResize();
showFileName();
loadFormats();
