package org.seq4j.train;

import java.util.ArrayList;
import java.util.List;
import org.seq4j.losses.Loss;
import org.seq4j.metrics.Metric;
import org.seq4j.metrics.Metrics;
import org.seq4j.optim.Optimizer;

/** What {@code compile} fixed: the optimizer, the loss (applied to every output) and the metric names. */
record Compiled(Optimizer optimizer, Loss loss, List<String> metricNames, int outputs) {
    Compiled {
        if (optimizer == null) throw new IllegalArgumentException("Received an invalid value for argument `optimizer`, expected an optimizer, got null.");
        if (loss == null) throw new IllegalArgumentException("Received an invalid value for argument `loss`, expected a loss, got null.");
        metricNames = List.copyOf(metricNames);
        newMetricsFor(loss, metricNames); // validate names now, not at the first epoch
    }

    List<Metric> newMetrics() {
        return newMetricsFor(loss, metricNames);
    }

    private static List<Metric> newMetricsFor(Loss loss, List<String> names) {
        List<Metric> ms = new ArrayList<>();
        for (String n : names) ms.add(Metrics.resolve(n, loss.kind()));
        return ms;
    }
}
