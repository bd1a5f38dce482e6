package io.vigil.common.service;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGTERM and SIGINT instead of the JVM's default (shutdown hooks, then exit 143).
 * The action runs before any shutdown hook, so logging still works while requests drain, and it can end
 * the process with status 0.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK since 9) through
 * reflection: javac offers no way to silence its "internal proprietary API" warning under {@code --release},
 * and the build treats warnings as errors. Where it is missing, the JVM's default applies.
 */
final class TerminationSignals {
    private static final System.Logger LOGGER = System.getLogger(TerminationSignals.class.getName());

    private TerminationSignals() {
    }

    /**
     * Installs {@code action} for SIGTERM and SIGINT. The action runs on the JVM's signal thread.
     *
     * @param action what to do when asked to terminate
     */
    static void onTermination(Runnable action) {
        install("TERM", action);
        install("INT", action);
    }

    private static void install(String name, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler invocation = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    action.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "signal handler for SIG" + name;
            };
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, invocation);
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot handle SIG" + name + " (" + e + "); the JVM default applies");
        }
    }
}
