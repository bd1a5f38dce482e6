/**
 * Shared building blocks of the Vigil services: {@link io.vigil.common.Result} for failures that are data.
 */
package io.vigil.common;
