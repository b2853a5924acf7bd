package org.seq4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras' serialized form of a layer: {@code {"class_name": "LSTM", "config": {...}}}. */
public final class LayerConfig {
    private LayerConfig() {}

    public static Map<String, Object> of(Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", layer.className());
        m.put("config", layer.config());
        return m;
    }
}
