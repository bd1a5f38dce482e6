package io.vigil.logparse.format;

/**
 * Normalised severity of a log record, from the least to the most severe.
 */
public enum Level {
    /** Finest-grained tracing (log4j TRACE, JUL FINER/FINEST, bunyan 10, Apache trace1..8). */
    TRACE,
    /** Diagnostic detail (DEBUG, JUL FINE/CONFIG, syslog debug, klog has none). */
    DEBUG,
    /** Normal operation (INFO, syslog info and notice, klog I). */
    INFO,
    /** Something unexpected that did not fail (WARN, WARNING, syslog warning, klog W). */
    WARN,
    /** A failure of one operation (ERROR, JUL SEVERE, syslog err, klog E). */
    ERROR,
    /** A failure of the whole process or system (FATAL, CRITICAL, syslog crit/alert/emerg, klog F). */
    FATAL,
    /** The line carries no recognisable level. */
    NONE
}
