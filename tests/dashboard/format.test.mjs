// Unit tests of the dashboard's formatting helpers (plain ES module, no browser needed). The browser test uses the
// same helpers to predict what the pages print, so these pin their output with literal values.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
    axisDivisions, describeFailure, formatBytes, formatCount, formatInstant, formatLatency, formatMillis, formatObserved,
    formatPercent, formatRate, formatShare, formatSpan, formatTick, formatUptime, niceCeiling, oldestFirst, routeLabel,
    statusLabel, worstStatus,
} from '../../gateway/src/main/resources/dashboard/assets/format.js';

test('counts, bytes, latencies and shares', () => {
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(0), '0');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(929094), '907.3 KiB');
    assert.equal(formatBytes(20188865370), '18.8 GiB');
    assert.equal(formatMillis(125), '125 ms');
    assert.equal(formatMillis(0.45), '0.5 ms');
    assert.equal(formatMillis(1500), '1,500 ms');
    assert.equal(formatShare(1, 3), '33.3%');
    assert.equal(formatShare(5, 0), '0%');
});

test('time: bucket widths, instants and axis labels in UTC', () => {
    assert.equal(formatSpan(1), '1 second');
    assert.equal(formatSpan(300), '5 minutes');
    assert.equal(formatSpan(7200), '2 hours');
    assert.equal(formatSpan(86400), '1 day');
    assert.equal(formatInstant('2026-03-14T00:05:00Z'), '2026-03-14 00:05:00 UTC');
    assert.equal(formatInstant('2026-03-14T00:05:00.250Z'), '2026-03-14 00:05:00 UTC');
    assert.equal(formatInstant('2026-03-14T23:59:42Z'), '2026-03-14 23:59:42 UTC');
    assert.equal(formatInstant('not a time'), 'not a time');
    assert.equal(formatTick('2026-03-14T10:15:00Z', 3600), '10:15');
    assert.equal(formatTick('2026-03-14T10:15:00Z', 3 * 86400), '03-14 10:15');
    assert.equal(formatTick('2026-03-14T10:15:30Z', 120, true), '10:15:30');
});

test('health: statuses, observed values, uptime, history order', () => {
    assert.equal(statusLabel('pass'), 'Pass');
    assert.equal(statusLabel('fail'), 'Fail');
    assert.equal(statusLabel('odd'), 'odd');
    assert.equal(worstStatus(['pass', 'warn', 'pass']), 'warn');
    assert.equal(worstStatus(['pass', 'fail', 'warn']), 'fail');
    assert.equal(worstStatus([]), 'pass');
    assert.equal(worstStatus(['pass', 'mystery']), 'fail');
    assert.equal(formatObserved({ observedValue: 952, observedUnit: 'ms' }), '952 ms');
    assert.equal(formatObserved({ observedValue: 81910095872, observedUnit: 'bytes' }), '76.3 GiB free');
    assert.equal(formatObserved({ observedValue: 0.5, observedUnit: 'percent' }), '0.5% of the heap');
    assert.equal(formatObserved({ observedValue: 'closed' }), 'closed');
    assert.equal(formatObserved({ status: 'fail' }), '—');
    assert.equal(formatUptime(1), '100%');
    assert.equal(formatUptime(0.95), '95%');
    assert.equal(formatUptime(2 / 3), '66.7%');
    assert.deepEqual(oldestFirst([{ n: 3 }, { n: 2 }, { n: 1 }]).map((e) => e.n), [1, 2, 3]);
});

test('failures read as sentences, with the problem detail and what to do', () => {
    const unauthorized = describeFailure(401, { title: 'Unauthorized', detail: 'An API key is required.', requestId: 'r-1' });
    assert.equal(unauthorized.text, 'Unauthorized (HTTP 401): An API key is required. Enter a valid API key under "API key" above.');
    assert.equal(unauthorized.requestId, 'r-1');
    assert.equal(describeFailure(429, { title: 'Too Many Requests' }, '3').text, 'Too Many Requests (HTTP 429). Try again in 3 s.');
    assert.equal(describeFailure(500, null).text, 'HTTP 500.');
    assert.equal(describeFailure(502, { title: 'Bad Gateway', detail: 'logparse is unreachable' }).text,
                 'Bad Gateway (HTTP 502): logparse is unreachable.');
    assert.match(describeFailure(0, null).text, /could not be reached/);
});

test('axis limits round up to a nice number', () => {
    assert.equal(niceCeiling(0), 1);
    assert.equal(niceCeiling(87), 100);
    assert.equal(niceCeiling(1234), 1500);
    assert.equal(niceCeiling(100), 100);
    assert.equal(niceCeiling(7), 8);
    // Ticks on round numbers, counts on whole ones: no "0, 0, 1, 1, 1" under a peak of one request.
    assert.equal(axisDivisions(1, true), 1);
    assert.equal(axisDivisions(2, true), 2);
    assert.equal(axisDivisions(10, true), 5);
    assert.equal(axisDivisions(8, true), 4);
    assert.equal(axisDivisions(1500, true), 5);
    assert.equal(axisDivisions(1), 5);
    assert.equal(axisDivisions(2.5), 5);
    assert.equal(axisDivisions(6), 3);
    assert.equal(axisDivisions(40), 4);
});

test('traffic: rates, percentages and latencies that may be missing, route names', () => {
    assert.equal(formatRate(12.345), '12.35/s');
    assert.equal(formatRate(0.016), '0.02/s');
    assert.equal(formatRate(0), '0/s');
    assert.equal(formatPercent(2.5), '2.5%');
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(null), '—');
    assert.equal(formatLatency(12.34), '12.3 ms');
    assert.equal(formatLatency(null), '—');
    assert.equal(routeLabel('(none)'), '(no route)');
    assert.equal(routeLabel('/api/v1/logs'), '/api/v1/logs');
});
