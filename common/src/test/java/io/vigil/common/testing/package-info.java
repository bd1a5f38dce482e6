/**
 * Test fixtures shared with the services' tests (published in the vigil-common test-jar).
 */
package io.vigil.common.testing;
