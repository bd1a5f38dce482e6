// Calls to the gateway's public API (/api/v1) with the API key the user entered, kept in sessionStorage (this
// tab only, gone when it closes), and the shared page chrome: the key form and the message area.
import { describeFailure } from './format.js';

const KEY_ITEM = 'vigil.apiKey';
const PROBLEM = 'application/problem+json';

/** A failed API call, with a message people can read. */
export class ApiError extends Error {
    constructor(status, problem, retryAfter) {
        const failure = describeFailure(status, problem, retryAfter);
        super(failure.text);
        this.name = 'ApiError';
        this.status = status;
        this.problem = problem;
        this.requestId = failure.requestId;
    }
}

export function apiKey() {
    return sessionStorage.getItem(KEY_ITEM) ?? '';
}

function authHeaders() {
    const key = apiKey();
    return key ? { 'X-API-Key': key } : {};
}

function isJson(contentType) {
    return /^application\/([a-z.+-]*\+)?json\b/i.test(contentType ?? '');
}

function parseJson(text) {
    try {
        return JSON.parse(text);
    } catch {
        return null;
    }
}

/**
 * GET a JSON document. Health documents (application/health+json) are answers even with status 503 (that is how
 * the API says "fail"); any other non-2xx answer is an ApiError.
 */
export async function getJson(path) {
    let response;
    try {
        response = await fetch(path, { headers: { Accept: 'application/json, application/health+json', ...authHeaders() },
                                       cache: 'no-store' });
    } catch {
        throw new ApiError(0, null, null);
    }
    const contentType = response.headers.get('Content-Type') ?? '';
    const body = isJson(contentType) ? parseJson(await response.text()) : null;
    const healthDocument = contentType.startsWith('application/health+json') && body !== null;
    if (response.ok || healthDocument) {
        return { status: response.status, body };
    }
    throw new ApiError(response.status, contentType.startsWith(PROBLEM) ? body : null, response.headers.get('Retry-After'));
}

/**
 * POST a file with XMLHttpRequest (fetch cannot report upload progress). onProgress(loaded, total) follows the
 * upload; the promise resolves with the parsed JSON answer or rejects with an ApiError (status 0 when the
 * gateway could not be reached, 'aborted' when cancelled through the returned abort function).
 */
export function upload(path, file, onProgress, onUploaded) {
    const xhr = new XMLHttpRequest();
    const done = new Promise((resolve, reject) => {
        xhr.open('POST', path);
        for (const [name, value] of Object.entries(authHeaders())) {
            xhr.setRequestHeader(name, value);
        }
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.setRequestHeader('Content-Type', /\.gz$/i.test(file.name) ? 'application/gzip' : 'text/plain');
        xhr.upload.addEventListener('progress', (event) => {
            if (event.lengthComputable) {
                onProgress(event.loaded, event.total);
            }
        });
        xhr.upload.addEventListener('load', () => onUploaded());
        xhr.addEventListener('load', () => {
            const contentType = xhr.getResponseHeader('Content-Type') ?? '';
            const body = isJson(contentType) ? parseJson(xhr.responseText) : null;
            if (xhr.status >= 200 && xhr.status < 300 && body !== null) {
                resolve(body);
            } else {
                reject(new ApiError(xhr.status, contentType.startsWith(PROBLEM) ? body : null,
                                    xhr.getResponseHeader('Retry-After')));
            }
        });
        xhr.addEventListener('error', () => reject(new ApiError(0, null, null)));
        xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
        xhr.send(file);
    });
    return { done, abort: () => xhr.abort() };
}

/** Shows a message in a message area (role="alert" for errors, role="status" otherwise), or hides it. */
export function showMessage(element, text, kind = 'error', requestId = undefined) {
    element.replaceChildren();
    if (!text) {
        element.hidden = true;
        return;
    }
    element.className = `message message-${kind}`;
    element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const line = document.createElement('p');
    line.textContent = text;
    element.append(line);
    if (requestId) {
        const id = document.createElement('p');
        id.className = 'request-id';
        id.textContent = `Request id: ${requestId}`;
        element.append(id);
    }
    element.hidden = false;
}

/**
 * Wires the API key form of the page header: Save keeps the key in sessionStorage, Forget removes it. onChange
 * runs after either, so a page can retry what failed for want of a key.
 */
export function setUpKeyForm(onChange) {
    const form = document.getElementById('key-form');
    const input = document.getElementById('api-key');
    const state = document.getElementById('key-state');
    const forget = document.getElementById('forget-key');
    const render = () => {
        state.textContent = apiKey() ? 'Key set for this tab' : 'No key set';
        forget.disabled = !apiKey();
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (key) {
            sessionStorage.setItem(KEY_ITEM, key);
        }
        input.value = '';
        render();
        onChange();
    });
    forget.addEventListener('click', () => {
        sessionStorage.removeItem(KEY_ITEM);
        render();
        input.focus();
        onChange();
    });
    render();
}
