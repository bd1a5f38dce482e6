/**
 * Configuration: loading (jar defaults, optional {@code VIGIL_CONFIG} file, environment), validated records,
 * and the one-line error that stops a service whose configuration is wrong.
 */
package io.vigil.common.config;
