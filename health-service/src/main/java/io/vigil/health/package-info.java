/**
 * health-service: watches the platform's dependencies.
 */
package io.vigil.health;
