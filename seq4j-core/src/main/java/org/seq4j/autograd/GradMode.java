package org.seq4j.autograd;

/**
 * Whether ops record the graph for backward (per thread). Inference turns it off so that ops keep no caches,
 * as {@code torch.no_grad()} does.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {}

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Runs {@code body} with gradient recording on or off (another thread's mode, carried to a worker). */
    public static <T> T withEnabled(boolean enabled, java.util.function.Supplier<T> body) {
        boolean prev = ENABLED.get();
        ENABLED.set(enabled);
        try {
            return body.get();
        } finally {
            ENABLED.set(prev);
        }
    }

    /** Runs {@code body} with gradient recording off. */
    public static <T> T noGrad(java.util.function.Supplier<T> body) {
        boolean prev = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        try {
            return body.get();
        } finally {
            ENABLED.set(prev);
        }
    }
}
