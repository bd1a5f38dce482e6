/**
 * The gateway: Vigil's one public API, in front of logparse-service and health-service.
 */
package io.vigil.gateway;
