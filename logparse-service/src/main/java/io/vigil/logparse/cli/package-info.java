/**
 * The {@code logparse} command line: the analysis engine on a file or standard input.
 */
package io.vigil.logparse.cli;
