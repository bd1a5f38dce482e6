/**
 * Test fixtures of health-service's packages: a probe whose behaviour a test sets, configuration from YAML, and
 * real loopback servers that answer as told or never answer.
 */
package io.vigil.health.testing;
