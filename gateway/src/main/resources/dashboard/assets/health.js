// The Health page: GET /api/v1/health (overall status, the gateway's view of its upstreams) and health-service's
// checks through GET /api/v1/health/checks and /checks/{name} (history and uptime), refreshed on a timer.
import { getJson, setUpKeyForm, showMessage } from './api.js';
import { uptimeBar } from './charts.js';
import { formatObserved, formatUptime, oldestFirst, statusLabel, worstStatus } from './format.js';
import { autoRefresh } from './refresh.js';

const $ = (id) => document.getElementById(id);


function setText(element, text) {
    if (element.textContent !== text) {
        element.textContent = text;
    }
}

function badge(status) {
    const element = document.createElement('span');
    element.className = `badge badge-${['pass', 'warn', 'fail'].includes(status) ? status : 'unknown'}`;
    element.textContent = statusLabel(status);
    return element;
}

function cell(content, className) {
    const element = document.createElement('td');
    if (content instanceof Node) {
        element.append(content);
    } else {
        element.textContent = content;
    }
    if (className) {
        element.className = className;
    }
    return element;
}

function nameCell(name) {
    const element = document.createElement('th');
    element.scope = 'row';
    element.textContent = name;
    return element;
}

function renderOverall(report) {
    const overall = $('overall-status');
    overall.className = `badge badge-large badge-${['pass', 'warn', 'fail'].includes(report.status) ? report.status : 'unknown'}`;
    setText(overall, statusLabel(report.status));
    overall.dataset.status = report.status;
    setText($('overall-description'), report.description ?? '');
    const problems = Object.entries(report.checks ?? {}).flatMap(([key, entries]) => entries
        .filter((entry) => entry.status !== 'pass')
        .map((entry) => `${key}: ${statusLabel(entry.status)}${entry.output ? ` (${entry.output})` : ''}`));
    $('problems').replaceChildren(...problems.map((text) => {
        const item = document.createElement('li');
        item.textContent = text;
        return item;
    }));
    renderUpstreams(report.checks ?? {});
}

/** Nothing known: what was shown before must not pass for current. */
function renderUnknown() {
    const overall = $('overall-status');
    overall.className = 'badge badge-large badge-unknown';
    setText(overall, 'Unknown');
    overall.dataset.status = 'unknown';
    setText($('overall-description'), 'The platform\'s health could not be read; see the message above.');
    $('problems').replaceChildren();
    $('upstreams').tBodies[0].replaceChildren();
}

/** One row per endpoint of each upstream (the gateway lists each endpoint's readiness and circuit). */
function renderUpstreams(checks) {
    const components = new Map();
    for (const [key, entries] of Object.entries(checks)) {
        for (const entry of entries) {
            if (!entry.componentId) {
                continue;
            }
            const measurement = key.slice(key.indexOf(':') + 1);
            const id = entry.endpoint ? `${entry.componentId} ${entry.endpoint}` : entry.componentId;
            const component = components.get(id) ?? { id: entry.componentId, endpoint: entry.endpoint };
            component[measurement] = entry;
            components.set(id, component);
        }
    }
    const rows = [...components.values()].map(({ id, endpoint, ...measurements }) => {
        const entries = Object.values(measurements);
        const row = document.createElement('tr');
        const status = worstStatus(entries.map((entry) => entry.status));
        row.dataset.component = id;
        if (endpoint) {
            row.dataset.endpoint = endpoint;
        }
        row.dataset.status = status;
        row.append(nameCell(endpoint ? `${id} (${endpoint})` : id), cell(badge(status)),
                   cell(formatObserved(measurements.readiness), 'num'),
                   cell(measurements.circuitBreaker ? String(measurements.circuitBreaker.observedValue) : '—'),
                   cell(entries.map((entry) => entry.output).filter(Boolean).join('; ')));
        return row;
    });
    $('upstreams').tBodies[0].replaceChildren(...rows);
}

async function loadChecks() {
    const { body: report } = await getJson('/api/v1/health/checks');
    const current = new Map();
    for (const [key, entries] of Object.entries(report.checks ?? {})) {
        current.set(key.slice(0, key.indexOf(':')), entries[0]);
    }
    return Promise.all([...current.entries()].map(async ([name, entry]) => {
        try {
            const { body } = await getJson(`/api/v1/health/checks/${encodeURIComponent(name)}`);
            const latest = Object.values(body.checks ?? {})[0]?.[0] ?? entry;
            return { name, entry: latest, history: body.history ?? [], uptime: body.uptime };
        } catch (error) {
            return { name, entry, history: [], uptime: undefined, error };
        }
    }));
}

function renderChecks(checks) {
    const rows = checks.map(({ name, entry, history, uptime, error }) => {
        const row = document.createElement('tr');
        row.dataset.check = name;
        row.dataset.status = entry.status;
        const uptimeCell = document.createElement('td');
        uptimeCell.className = 'uptime';
        if (uptime !== undefined) {
            const text = formatUptime(uptime);
            const label = document.createElement('span');
            label.className = 'uptime-text';
            label.textContent = text;
            uptimeCell.append(uptimeBar(oldestFirst(history), text), label);
        } else {
            uptimeCell.textContent = error ? `History unavailable: ${error.message}` : '—';
        }
        row.append(nameCell(name), cell(badge(entry.status)), cell(formatObserved(entry), 'num'), uptimeCell,
                   cell(entry.output ?? ''));
        return row;
    });
    $('checks').tBodies[0].replaceChildren(...rows);
}

async function load() {
    const [platform, checks] = await Promise.allSettled([getJson('/api/v1/health'), loadChecks()]);
    const time = new Date().toLocaleTimeString();
    if (platform.status === 'fulfilled') {
        renderOverall(platform.value.body);
        showMessage($('message'), '');
        setText($('updated'), `Updated at ${time}`);
    } else {
        showMessage($('message'), platform.reason.message, 'error', platform.reason.requestId);
        setText($('updated'), `The last refresh, at ${time}, failed`);
        renderUnknown();
    }
    if (checks.status === 'fulfilled') {
        renderChecks(checks.value);
        showMessage($('checks-message'), '');
    } else {
        showMessage($('checks-message'), checks.reason.message, 'error', checks.reason.requestId);
        $('checks').tBodies[0].replaceChildren();
    }
}

setUpKeyForm(autoRefresh(load));
