package org.seq4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code fit} returns: per-epoch logs ({@code loss}, metrics, {@code val_*}), Keras' {@code History.history}. */
public final class History {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Double> epochSeconds = new ArrayList<>();
    private String stopReason;

    void record(Map<String, Double> logs, double seconds) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        epochSeconds.add(seconds);
    }

    /** Metric name → one value per completed epoch. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(v)));
        return copy;
    }

    /** The values of one metric, or an empty list. */
    public List<Double> get(String metric) {
        return Collections.unmodifiableList(history.getOrDefault(metric, List.of()));
    }

    /** The last value of a metric. */
    public double last(String metric) {
        List<Double> v = history.get(metric);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("no values for metric \"" + metric + "\"; have " + history.keySet());
        return v.get(v.size() - 1);
    }

    /** Wall-clock seconds of each epoch (training and validation). */
    public List<Double> epochSeconds() {
        return Collections.unmodifiableList(epochSeconds);
    }

    public int epochs() {
        return epochSeconds.size();
    }

    /** Why training stopped early (non-finite loss, early stopping), or null. */
    public String stopReason() {
        return stopReason;
    }

    void setStopReason(String reason) {
        this.stopReason = reason;
    }
}
