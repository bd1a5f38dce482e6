/**
 * Health vocabulary shared by the services: the statuses of application/health+json documents and
 * readiness checks for {@code /observe/health}.
 */
package io.vigil.common.health;
