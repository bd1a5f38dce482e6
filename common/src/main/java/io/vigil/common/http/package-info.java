/**
 * HTTP conventions shared by all services: RFC 9457 problem documents for every error, request ids
 * ({@code X-Request-Id}) on every request, response, log line and outgoing call.
 */
package io.vigil.common.http;
