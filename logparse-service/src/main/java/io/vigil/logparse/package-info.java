/**
 * logparse-service: analyses log files posted over HTTP.
 */
package io.vigil.logparse;
