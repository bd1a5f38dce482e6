// Seeded generators of the logs the browser test uploads: a combined access log with $request_time and a few
// malformed lines, and a log4j application log with levels and stack traces. Same seed, same bytes.

function random(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function pick(next, values, skew = 1) {
    return values[Math.floor(values.length * next() ** skew)];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n, width = 2) => String(n).padStart(width, '0');

function clfTime(date) {
    return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:`
        + `${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** A combined log over six hours: `lines` lines, every 2,500th one malformed. */
export function accessLog(lines, seed = 7) {
    const next = random(seed);
    const paths = ['/', '/index.html', '/login', '/api/v1/orders', '/api/v1/orders/42', '/search?q=vigil', '/static/app.js',
                   '/static/app.css', '/images/logo.png', '/docs/getting-started', '/checkout', '/cart', '/health'];
    const agents = ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
                    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
                    'curl/8.5.0', 'kube-probe/1.29', 'python-requests/2.31.0', 'Go-http-client/1.1'];
    const statuses = [200, 200, 200, 200, 200, 200, 200, 200, 304, 301, 404, 404, 403, 500, 503];
    const start = Date.UTC(2026, 2, 14, 8, 0, 0);
    const out = [];
    for (let i = 0; i < lines; i++) {
        if (i % 2500 === 1249) {
            out.push(i % 5000 === 1249 ? `garbage line number ${i}` : `10.1.2.3 - - [${clfTime(new Date(start))}] "GET /cut`);
            continue;
        }
        const time = new Date(start + Math.floor((i * 6 * 3600 * 1000) / lines));
        const client = `10.${Math.floor(next() ** 3 * 4)}.${Math.floor(next() ** 2 * 20)}.${1 + Math.floor(next() * 50)}`;
        const method = next() < 0.85 ? 'GET' : pick(next, ['POST', 'PUT', 'DELETE', 'HEAD']);
        const status = pick(next, statuses);
        const seconds = (0.002 + next() ** 3 * (status >= 500 ? 4 : 0.8)).toFixed(3);
        out.push(`${client} - - [${clfTime(time)}] "${method} ${pick(next, paths, 2)} HTTP/1.1" ${status} `
            + `${Math.floor(next() * 40000)} "https://example.com/" "${pick(next, agents, 1.5)}" ${seconds}`);
    }
    return `${out.join('\n')}\n`;
}

/** A log4j log: `records` records, levels from TRACE to ERROR, a stack trace under every 25th ERROR. */
export function applicationLog(records, seed = 11) {
    const next = random(seed);
    const levels = ['INFO', 'INFO', 'INFO', 'INFO', 'DEBUG', 'DEBUG', 'WARN', 'ERROR', 'TRACE'];
    const start = Date.UTC(2026, 2, 14, 10, 0, 0);
    const out = [];
    let errors = 0;
    for (let i = 0; i < records; i++) {
        const time = new Date(start + i * 1500).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
        const level = pick(next, levels);
        out.push(`${time} ${level} [worker-${i % 4}] io.example.Orders - order ${1000 + i} ${level === 'ERROR' ? 'failed' : 'processed'}`);
        if (level === 'ERROR' && errors++ % 25 === 0) {
            out.push('java.lang.IllegalStateException: payment declined', '\tat io.example.Orders.pay(Orders.java:42)',
                     '\tat io.example.Orders.run(Orders.java:17)');
        }
    }
    return `${out.join('\n')}\n`;
}
