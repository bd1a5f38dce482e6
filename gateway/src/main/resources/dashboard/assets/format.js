// Pure formatting helpers shared by the pages (no DOM here, so node --test can check them).

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const RATE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1234567 -> "1,234,567" (rounded to an integer). */
export function formatCount(value) {
    return INTEGER.format(value);
}

/** 12.345 -> "12.3", 1500 -> "1,500". */
export function formatDecimal(value) {
    return DECIMAL.format(value);
}

/** 929094 -> "907.3 KiB" (powers of 1024, as the API's limits are written). */
export function formatBytes(bytes) {
    let value = bytes;
    let unit = 0;
    while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${formatCount(value)} B` : `${DECIMAL.format(value)} ${BYTE_UNITS[unit]}`;
}

/** A latency in milliseconds: 0.4 -> "0.4 ms", 1500 -> "1,500 ms". */
export function formatMillis(ms) {
    return `${formatDecimal(ms)} ms`;
}

/** Requests per second: 12.345 -> "12.35/s", 0.016 -> "0.02/s". */
export function formatRate(perSecond) {
    return `${RATE.format(perSecond)}/s`;
}

/** A percentage the API computed (or null when there was nothing to compute it from): 2.5 -> "2.5%", null -> "—". */
export function formatPercent(value) {
    return value === null || value === undefined ? '—' : `${DECIMAL.format(value)}%`;
}

/** A latency that may be missing (no requests): 12.3 -> "12.3 ms", null -> "—". */
export function formatLatency(ms) {
    return ms === null || ms === undefined ? '—' : formatMillis(ms);
}

/** A route of GET /api/v1/traffic as people read it: "(none)", the requests that matched no route, -> "(no route)". */
export function routeLabel(route) {
    return route === '(none)' ? '(no route)' : route;
}

/** part / whole as a percentage with one decimal; "0%" when whole is 0. */
export function formatShare(part, whole) {
    if (!whole) {
        return '0%';
    }
    return `${DECIMAL.format((100 * part) / whole)}%`;
}

/** A bucket width in seconds as words: 60 -> "1 minute", 300 -> "5 minutes", 7200 -> "2 hours". */
export function formatSpan(seconds) {
    const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
    for (const [size, name] of units) {
        if (seconds >= size && seconds % size === 0) {
            const n = seconds / size;
            return `${n} ${name}${n === 1 ? '' : 's'}`;
        }
    }
    return `${formatDecimal(seconds)} seconds`;
}

/** An ISO instant as "2026-03-14 00:05:00 UTC" (to the second). */
export function formatInstant(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return String(iso);
    }
    return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A short axis label for a time: "10:15" (or "10:15:30"), with the month and day when the range spans over a day. */
export function formatTick(iso, rangeSeconds, withSeconds = false) {
    const text = new Date(iso).toISOString();
    const time = text.slice(11, withSeconds ? 19 : 16);
    return rangeSeconds > 86400 ? `${text.slice(5, 10)} ${time}` : time;
}

/** "pass" -> "Pass"; unknown values are shown as they are. */
export function statusLabel(status) {
    const labels = { pass: 'Pass', warn: 'Warn', fail: 'Fail' };
    return labels[status] ?? String(status ?? 'unknown');
}

/** The worst of health statuses (fail > warn > pass; an unknown status counts as fail). */
export function worstStatus(statuses) {
    const rank = { pass: 0, warn: 1, fail: 2 };
    const names = ['pass', 'warn', 'fail'];
    let worst = 0;
    for (const status of statuses) {
        worst = Math.max(worst, rank[status] ?? 2);
    }
    return names[worst];
}

/** What a health check measured, readable: "952 ms", "76.3 GiB free", "0.5% of the heap", "closed". */
export function formatObserved(entry) {
    if (!entry || entry.observedValue === undefined || entry.observedValue === null) {
        return '—';
    }
    const value = entry.observedValue;
    switch (entry.observedUnit) {
        case 'ms':
            return formatMillis(value);
        case 'bytes':
            return `${formatBytes(value)} free`;
        case 'percent':
            return `${formatDecimal(value)}% of the heap`;
        default:
            return entry.observedUnit ? `${value} ${entry.observedUnit}` : String(value);
    }
}

/** An uptime ratio 0..1 as "95%" (one decimal when not whole). */
export function formatUptime(ratio) {
    return `${DECIMAL.format(ratio * 100)}%`;
}

/**
 * A readable message for a failed API call. `problem` is the parsed body when it was problem+json (or null);
 * the result has a one-line `text` for people and the request id for support.
 */
export function describeFailure(status, problem, retryAfter) {
    if (status === 0) {
        return { title: 'The gateway could not be reached', text: 'The gateway could not be reached: check the connection and try again.' };
    }
    const title = problem?.title || `HTTP ${status}`;
    let text = problem?.title ? `${title} (HTTP ${status})` : title;
    if (problem?.detail) {
        text += `: ${problem.detail}`;
    }
    if (!/[.!?]$/.test(text)) {
        text += '.';
    }
    if (status === 401) {
        text += ' Enter a valid API key under "API key" above.';
    }
    if (retryAfter) {
        text += ` Try again in ${retryAfter} s.`;
    }
    return { title, text, requestId: problem?.requestId };
}

/** Round a maximum up to a "nice" axis limit: 87 -> 100, 1234 -> 1500, 0 -> 1. */
export function niceCeiling(value) {
    if (value <= 0) {
        return 1;
    }
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
        if (step * magnitude >= value) {
            return step * magnitude;
        }
    }
    return 10 * magnitude;
}

/**
 * How many equal steps an axis from 0 to top (a niceCeiling) is cut into, so that every tick is a round number
 * (one significant digit), and for counts a whole one: 10 -> 5 (0, 2, 4, ...), 2.5 -> 5, 1 -> 1 for counts.
 */
export function axisDivisions(top, wholeNumbers = false) {
    for (const divisions of [4, 5, 3, 2]) {
        const step = top / divisions;
        const mantissa = step / 10 ** Math.floor(Math.log10(step));
        if (Math.abs(mantissa - Math.round(mantissa)) < 1e-9 && (!wholeNumbers || Number.isInteger(step))) {
            return divisions;
        }
    }
    return 1;
}

/** Health history (newest first, as the API gives it) in time order, oldest first. */
export function oldestFirst(history) {
    return [...(history ?? [])].reverse();
}
